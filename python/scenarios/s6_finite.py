"""Scenario 6: a small MLP trained for 8 steps that stays finite: firstNonFinite is null, and the
headroom, the loss-scale range and the remedies are still reported."""
import sys

import torch
from torch import nn

from probed_training import train


def run(path: str, steps: int = 8) -> None:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 16), nn.Tanh(), nn.Linear(16, 16), nn.ReLU(inplace=True), nn.Linear(16, 1))
    x = torch.randn(32, 8)
    y = x.sum(dim=1, keepdim=True)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    train(model, path, opt, lambda: ((model(x) - y) ** 2).mean(), steps=steps)


if __name__ == "__main__":
    run(sys.argv[1])
