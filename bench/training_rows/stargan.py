"""StarGAN's training unit in PyTorch: `criticSteps` iterations of yunjey/stargan `solver.train`
(L243-291), each a critic step with gradient penalty, the last one also a generator step, on one
batch of the profile's size. One deliberate difference from upstream: the fake of the critic step is
made under `torch.no_grad()` (upstream keeps G's graph alive and then detaches it), as our step
does, and the generator step freezes D's parameters (as CycleGAN's upstream `set_requires_grad`
does) so that, like ours, it computes no gradient it throws away. The arithmetic is upstream's."""
import torch
import torch.nn.functional as F

from torch_models import Discriminator, Generator

from ._common import CELEBAHQ_DOMAINS, TimedStep, random_images, random_labels

METHOD = "stargan"


def build(training, settings, seed):
    torch.manual_seed(seed)
    data = torch.Generator().manual_seed(seed)
    n, size, c_dim = training["batchSize"], training["imageSize"], len(CELEBAHQ_DOMAINS)
    G = Generator(settings["generatorConvDim"], c_dim, settings["generatorResidualBlocks"])
    D = Discriminator(size, settings["discriminatorConvDim"], c_dim, settings["discriminatorRepeat"])
    if settings["normScaleInit"] == "uniform01":   # PyTorch <= 1.1's InstanceNorm2d affine init
        with torch.no_grad():
            for m in G.modules():
                if isinstance(m, torch.nn.InstanceNorm2d):
                    m.weight.uniform_()
    betas = (settings["beta1"], settings["beta2"])
    g_opt = torch.optim.Adam(G.parameters(), settings["generatorLearningRate"], betas)
    d_opt = torch.optim.Adam(D.parameters(), settings["discriminatorLearningRate"], betas)
    lambda_cls, lambda_rec = settings["lambdaClassification"], settings["lambdaReconstruction"]
    lambda_gp, n_critic = settings["lambdaGradientPenalty"], settings["criticSteps"]
    x_real, c_org = random_images(n, size, data), random_labels(n, data)

    def classification_loss(logit, target):
        return F.binary_cross_entropy_with_logits(logit, target, reduction="sum") / logit.size(0)

    def iteration(i):
        c_trg = c_org[torch.randperm(n)]
        out_src, out_cls = D(x_real)
        d_loss_real = -torch.mean(out_src)
        d_loss_cls = classification_loss(out_cls, c_org)
        with torch.no_grad():
            x_fake = G(x_real, c_trg)
        out_src, _ = D(x_fake)
        d_loss_fake = torch.mean(out_src)
        alpha = torch.rand(n, 1, 1, 1)
        x_hat = (alpha * x_real + (1 - alpha) * x_fake).requires_grad_(True)
        out_src, _ = D(x_hat)
        dydx = torch.autograd.grad(out_src, x_hat, torch.ones_like(out_src), retain_graph=True, create_graph=True)[0]
        d_loss_gp = torch.mean((dydx.view(n, -1).norm(2, dim=1) - 1) ** 2)
        d_loss = d_loss_real + d_loss_fake + lambda_cls * d_loss_cls + lambda_gp * d_loss_gp
        g_opt.zero_grad(); d_opt.zero_grad()
        d_loss.backward()
        d_opt.step()
        if (i + 1) % n_critic == 0:
            D.requires_grad_(False)
            x_fake = G(x_real, c_trg)
            out_src, out_cls = D(x_fake)
            g_loss_fake = -torch.mean(out_src)
            g_loss_cls = classification_loss(out_cls, c_trg)
            g_loss_rec = torch.mean(torch.abs(x_real - G(x_fake, c_org)))
            g_loss = g_loss_fake + lambda_rec * g_loss_rec + lambda_cls * g_loss_cls
            g_opt.zero_grad(); d_opt.zero_grad()
            g_loss.backward()
            g_opt.step()
            D.requires_grad_(True)

    def unit():
        for i in range(n_critic):
            iteration(i)

    return TimedStep(n_critic * n, f"{n_critic} D steps + 1 G step, batch {n}, {size}²", unit,
                     heaviest=(f"1 D step + 1 G step, batch {n}, {size}²", lambda: iteration(n_critic - 1)))
