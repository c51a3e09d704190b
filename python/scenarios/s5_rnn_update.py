"""Scenario 5: a tanh nn.RNN with a large recurrent weight (3·I) and a learning rate (1e25) that blows the
weights up: the update pass overflows first, then the next step starts from a non-finite parameter.

Inputs and the initial state are 0, so h stays at tanh(0) = 0 where tanh' = 1 and the gradient grows
as 3^t back through 30 steps: ∂L/∂bias_hh ≈ 3^30 ≈ 2e14, finite; the update bias_hh − 1e25 · 2e14
≈ −2e39 exceeds float32's maximum 3.4e38 in step 1's update. Step 2's forward pass then starts
from rnn.bias_hh_l0 = ±Inf.
"""
import sys

import torch
from torch import nn

from probed_training import train


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(1, 4, nonlinearity="tanh", batch_first=True)
        self.head = nn.Linear(4, 1)
        with torch.no_grad():
            self.rnn.weight_hh_l0.copy_(3.0 * torch.eye(4))
            self.rnn.weight_ih_l0.fill_(0.5)
            self.rnn.bias_hh_l0.zero_()
            self.rnn.bias_ih_l0.zero_()
            self.head.weight.fill_(1.0)
            self.head.bias.zero_()

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out[:, -1])


def run(path: str, steps: int = 3) -> None:
    torch.manual_seed(0)
    model = Net()
    x = torch.zeros(2, 30, 1)
    y = torch.ones(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=1e25)
    train(model, path, opt, lambda: ((model(x) - y) ** 2).mean(), steps=steps)


if __name__ == "__main__":
    run(sys.argv[1])
