"""CycleGAN's training unit in PyTorch: one pair model's `optimize_parameters`
(cycle_gan_model.py L176-192) on `imagesPerDomain` images of each domain: the generators' step with
the discriminators frozen, then both discriminators on image-pool fakes (util/image_pool.py, pool
draws from a seeded `random.Random`)."""
import random

import torch

from torch_models import ImagePool, NLayerDiscriminator, ResnetGenerator, normal_init

from ._common import TimedStep, random_images

METHOD = "cyclegan"


def build(training, settings, seed):
    torch.manual_seed(seed)
    data, draws = torch.Generator().manual_seed(seed), random.Random(seed)
    size, k = training["imageSize"], settings["imagesPerDomain"]
    G_A = ResnetGenerator(settings["generatorFilters"], settings["residualBlocks"])
    G_B = ResnetGenerator(settings["generatorFilters"], settings["residualBlocks"])
    D_A, D_B = NLayerDiscriminator(settings["discriminatorFilters"]), NLayerDiscriminator(settings["discriminatorFilters"])
    for net in (G_A, G_B, D_A, D_B):
        normal_init(net)
    betas = (settings["beta1"], settings["beta2"])
    opt_G = torch.optim.Adam(list(G_A.parameters()) + list(G_B.parameters()), settings["learningRate"], betas)
    opt_D = torch.optim.Adam(list(D_A.parameters()) + list(D_B.parameters()), settings["learningRate"], betas)
    pool_A, pool_B = ImagePool(settings["poolSize"]), ImagePool(settings["poolSize"])
    lam, lam_idt = settings["lambdaCycle"], settings["lambdaIdentity"]
    mse, l1 = torch.nn.MSELoss(), torch.nn.L1Loss()
    real_A, real_B = random_images(k, size, data), random_images(k, size, data)
    discriminator_parameters = list(D_A.parameters()) + list(D_B.parameters())

    def gan(pred, real):
        return mse(pred, torch.full_like(pred, 1.0 if real else 0.0))

    def pool_draws():
        return [(draws.uniform(0, 1) > 0.5, draws.randint(0, settings["poolSize"] - 1)) for _ in range(k)]

    def unit():
        fake_B = G_A(real_A); rec_A = G_B(fake_B)
        fake_A = G_B(real_B); rec_B = G_A(fake_A)
        for p in discriminator_parameters:
            p.requires_grad_(False)
        opt_G.zero_grad()
        idt_A = l1(G_A(real_B), real_B) * lam * lam_idt
        idt_B = l1(G_B(real_A), real_A) * lam * lam_idt
        loss_G = (gan(D_A(fake_B), True) + gan(D_B(fake_A), True) + l1(rec_A, real_A) * lam + l1(rec_B, real_B) * lam
                  + idt_A + idt_B)
        loss_G.backward()
        opt_G.step()
        for p in discriminator_parameters:
            p.requires_grad_(True)
        opt_D.zero_grad()
        pooled_B = pool_B.query(fake_B, pool_draws())
        loss_D_A = (gan(D_A(real_B), True) + gan(D_A(pooled_B.detach()), False)) * 0.5
        pooled_A = pool_A.query(fake_A, pool_draws())
        loss_D_B = (gan(D_B(real_A), True) + gan(D_B(pooled_A.detach()), False)) * 0.5
        (loss_D_A + loss_D_B).backward()
        opt_D.step()

    return TimedStep(2 * k, f"1 pair-model step, {k} image(s) per domain, {size}²", unit)
