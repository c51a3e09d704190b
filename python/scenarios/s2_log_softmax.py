"""Scenario 2: log of a softmax output that underflows to 0, written outside any module (ops=True).

A Linear layer whose weights are large makes logits 0 and 200 apart: softmax gives exactly 0.0 in float32
(e^-200 < 2^-149), and torch.log of it is -Inf. The log runs in the loss, outside any module.
"""
import sys

import torch
from torch import nn

from probed_training import train


def run(path: str) -> None:
    torch.manual_seed(0)
    model = nn.Linear(2, 3)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[100.0, 0.0], [0.0, 0.0], [-100.0, 0.0]]))
        model.bias.zero_()
    x = torch.tensor([[1.0, 0.0], [1.0, 1.0]])
    target = torch.tensor([2, 2])
    opt = torch.optim.SGD(model.parameters(), lr=0.1)

    def loss():
        p = torch.softmax(model(x), dim=1)
        return -torch.log(p)[torch.arange(2), target].mean()   # log(0) = -Inf for class 2

    train(model, path, opt, loss, ops=True)


if __name__ == "__main__":
    run(sys.argv[1])
