"""Scenario 1: the post's network in PyTorch, recorded with the probe.

50 nn.Linear(1, 1) layers, weight 8, bias 0, each followed by tanh, float32, trained by full-batch
gradient descent (lr 0.01) on the data of

    gradscope autopsy --activation tanh --weight 8 --depth 50 --precision float32

21 points x = -1, -0.9, …, 1 with targets 0.5·x + 0.25, loss mean((y - t)²).

Layer k (1-based, as the autopsy counts) is the module `layers.{2(k-1)}` (its Linear) followed by
`layers.{2k-1}` (its Tanh): layer 6's Linear is `layers.10`, layer 5's is `layers.8`.

    python3 s1_post_chain.py run.gstrace
"""
import sys

import torch
from torch import nn

from probed_training import train

DEPTH = 50


def linear_name(k: int) -> str:
    """The module name of layer k's Linear (k from 1)."""
    return f"layers.{2 * (k - 1)}"


class Chain(nn.Module):
    def __init__(self, depth: int = DEPTH, weight: float = 8.0):
        super().__init__()
        modules = []
        for _ in range(depth):
            linear = nn.Linear(1, 1)
            with torch.no_grad():
                linear.weight.fill_(weight)
                linear.bias.zero_()
            modules += [linear, nn.Tanh()]
        self.layers = nn.Sequential(*modules)

    def forward(self, x):
        return self.layers(x)


def run(path: str, steps: int = 3, ops: bool = False) -> None:
    torch.manual_seed(0)
    x = torch.linspace(-1, 1, 21, dtype=torch.float64).float().unsqueeze(1)
    x[10] = 0.0   # exactly 0, as the autopsy's grid holds it
    t = 0.5 * x + 0.25
    model = Chain()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    train(model, path, opt, lambda: ((model(x) - t) ** 2).mean(), steps=steps, ops=ops)


if __name__ == "__main__":
    run(sys.argv[1], ops="--ops" in sys.argv)
