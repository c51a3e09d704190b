"""Scenario 4: an MLP under torch.autocast("cpu", dtype=torch.float16) with torch.amp.GradScaler("cpu"),
whose activations exceed float16's 65504 (ops=True).

The input features are raw float32 values of 1e5 (unnormalised data): autocast casts them to float16
for the first Linear (aten::_to_copy), and 1e5 > 65504 rounds to Inf: a cast overflow. The loss is
non-finite, the scaler sees Inf gradients and skips every step.
"""
import sys

import torch
from torch import nn

from probed_training import train


def run(path: str, steps: int = 3) -> None:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
    with torch.no_grad():
        model[0].weight.fill_(0.01)
        model[0].bias.zero_()
    x = torch.full((16, 4), 1.0e5)   # float32; 1e5 > float16's 65504
    y = torch.zeros(16, 1)
    opt = torch.optim.SGD(model.parameters(), lr=1e-3)
    scaler = torch.amp.GradScaler("cpu")

    def loss():
        with torch.autocast("cpu", dtype=torch.float16):
            return ((model(x).float() - y) ** 2).mean()

    train(model, path, opt, loss, steps=steps, ops=True, scaler=scaler)


if __name__ == "__main__":
    run(sys.argv[1])
