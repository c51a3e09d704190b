"""The probed training loop every scenario runs: one `probe.step()` per step, the loss recorded, then
backward, the optimizer step (through a GradScaler when one is given) and zero_grad."""
from typing import Callable, Optional

import torch

import gradscope_probe as gp


def train(model: torch.nn.Module, path: str, optimizer: torch.optim.Optimizer, loss_of: Callable[[], torch.Tensor],
          steps: int = 1, ops: bool = False, scaler: Optional[torch.amp.GradScaler] = None) -> None:
    """Records `steps` steps of `model` to the trace `path` (overwritten); `loss_of()` computes one step's loss."""
    with gp.Probe(model, path, optimizer=optimizer, scaler=scaler, ops=ops, overwrite=True) as probe:
        for _ in range(steps):
            with probe.step():
                loss = loss_of()
                probe.loss(loss)
                if scaler is None:
                    loss.backward()
                    optimizer.step()
                else:
                    scaler.scale(loss).backward()
                    scaler.step(optimizer)
                    scaler.update()
                optimizer.zero_grad()
