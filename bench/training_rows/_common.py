"""What every PyTorch training row shares: the timed unit, the synthetic batch, the label columns."""
from dataclasses import dataclass
from typing import Callable, Optional, Tuple

import torch

# The celebahq domains every row trains on (`DomainSelection.bilganCelebAHQ`): three exclusive hair
# colours, then Heavy_Makeup and Young.
CELEBAHQ_DOMAINS = ["Black_Hair", "Blond_Hair", "Brown_Hair", "Heavy_Makeup", "Young"]


@dataclass
class TimedStep:
    images_per_unit: int
    unit: str
    run: Callable[[], None]
    # The unit's iteration with the highest memory peak (StarGAN: the one with the G step), as
    # (description, work); the whole unit when None.
    heaviest: Optional[Tuple[str, Callable[[], None]]] = None

    @property
    def peak_iteration(self):
        return self.heaviest or (self.unit, self.run)


def random_images(n, size, generator):
    """n RGB images in [-1, 1], as the data loader delivers them."""
    return torch.rand(n, 3, size, size, generator=generator) * 2 - 1


def random_labels(n, generator):
    """[n, 5] {0, 1} celebahq labels: one hair colour per row, makeup and age at random."""
    labels = torch.zeros(n, len(CELEBAHQ_DOMAINS))
    hair = torch.randint(0, 3, (n,), generator=generator)
    labels[torch.arange(n), hair] = 1
    labels[:, 3:] = (torch.rand(n, 2, generator=generator) < 0.5).float()
    return labels
