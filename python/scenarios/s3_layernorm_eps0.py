"""Scenario 3: a hand-written layer norm with eps = 0 on a constant input row (ops=True).

(x − m) / torch.sqrt(v) with v = 0 for a constant row: 0 / 0 = NaN in the forward pass, in aten::div.
"""
import sys

import torch
from torch import nn

from probed_training import train


class HandNorm(nn.Module):
    def forward(self, x):
        m = x.mean(dim=-1, keepdim=True)
        v = ((x - m) ** 2).mean(dim=-1, keepdim=True)
        return (x - m) / torch.sqrt(v)          # eps = 0


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm = HandNorm()
        self.head = nn.Linear(4, 1)

    def forward(self, x):
        return self.head(self.norm(x))


def run(path: str) -> None:
    torch.manual_seed(0)
    model = Net()
    x = torch.tensor([[1.0, 2.0, 3.0, 4.0], [5.0, 5.0, 5.0, 5.0]])   # the second row is constant
    y = torch.zeros(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    train(model, path, opt, lambda: ((model(x) - y) ** 2).mean(), ops=True)


if __name__ == "__main__":
    run(sys.argv[1])
