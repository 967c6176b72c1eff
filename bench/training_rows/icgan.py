"""IcGAN's training unit in PyTorch: one conditional-GAN iteration (Guim3/IcGAN trainGAN.lua fDx
L270-330, fGx L335-360): D on (real, right labels), (real, wrong labels) and (fake, its labels),
then G through D (D's parameters frozen, so that like ours it computes no gradient it throws away),
BCE throughout, on one batch of the profile's size."""
import torch

from torch_models import IcGANDiscriminator, IcGANGenerator

from ._common import CELEBAHQ_DOMAINS, TimedStep, random_images, random_labels

METHOD = "icgan"


def build(training, settings, seed):
    torch.manual_seed(seed)
    data = torch.Generator().manual_seed(seed)
    n, size, ny, nz = training["batchSize"], training["imageSize"], len(CELEBAHQ_DOMAINS), settings["noiseSize"]
    G = IcGANGenerator(nz, ny, settings["generatorFilters"])
    D = IcGANDiscriminator(ny, settings["discriminatorFilters"])
    for net in (G, D):   # weights_init (trainGAN.lua L36-45)
        for m in net.modules():
            if isinstance(m, (torch.nn.Conv2d, torch.nn.ConvTranspose2d)):
                torch.nn.init.normal_(m.weight, 0.0, 0.02)
                torch.nn.init.zeros_(m.bias)
            elif isinstance(m, torch.nn.BatchNorm2d):
                torch.nn.init.normal_(m.weight, 1.0, 0.02)
                torch.nn.init.zeros_(m.bias)
    betas = (settings["ganBeta1"], 0.999)
    opt_G = torch.optim.Adam(G.parameters(), settings["ganLearningRate"], betas)
    opt_D = torch.optim.Adam(D.parameters(), settings["ganLearningRate"], betas)
    bce = torch.nn.BCEWithLogitsLoss()
    x = random_images(n, size, data)
    y = random_labels(n, data) * 2 - 1
    ones, zeros = torch.ones(n), torch.zeros(n)

    def unit():
        z = torch.randn(n, nz)
        y_fake = y[torch.randperm(n)]
        y_wrong = y[torch.roll(torch.arange(n), 1)]
        fake = G(z, y_fake)
        loss_real = bce(D(x, y), ones)
        loss_wrong = bce(D(x, y_wrong), zeros) * 0.5
        loss_fake = bce(D(fake.detach(), y_fake), zeros) * 0.5
        opt_D.zero_grad()
        (loss_real + loss_wrong + loss_fake).backward()
        opt_D.step()
        D.requires_grad_(False)
        loss_g = bce(D(fake, y_fake), ones)
        opt_G.zero_grad()
        loss_g.backward()
        opt_G.step()
        D.requires_grad_(True)

    return TimedStep(n, f"1 cGAN step (D then G), batch {n}, {size}²", unit)
