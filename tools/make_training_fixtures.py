#!/usr/bin/env python3
"""Step-parity fixtures for the training methods, from PyTorch (CPU, float32).

For each baseline: the initial weights, the batches, labels and random draws of a few full training
iterations (StarGAN: target labels and GP α), the losses of every iteration and the weights after the
last one, under names Tests/StarGANTests reads. The networks are `bench/torch_models.py`'s (written
from the upstream layer tables, `baselines.md` §1–3, and shared with the benchmark's PyTorch peer);
the StarGAN solver below follows `solver.py` L185–291. Run `make training-fixtures` (needs torch, safetensors); the small files are committed.
"""
import os
import sys

import torch
import torch.nn.functional as F
from safetensors.torch import save_file

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures/training"
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "bench"))
from torch_models import (Discriminator, Generator, IcGANDiscriminator, IcGANEncoder,  # noqa: E402
                          IcGANGenerator, ImagePool, NLayerDiscriminator, ResnetGenerator, normal_init)

torch.set_default_dtype(torch.float32)
torch.set_num_threads(1)


def save(name, tensors):
    tensors = {k: v.detach().clone().contiguous() for k, v in tensors.items()}
    save_file(tensors, os.path.join(OUT, name + ".safetensors"))
    print(f"{name}: {len(tensors)} tensors")


def stargan_steps():
    """Three StarGAN iterations with n_critic = 2 (D, D+G, D) at 32², conv_dim 8, c_dim 5 (BCE
    classification as on CelebA), 2 residual blocks, D repeat 3 (4×4 patch map). Adam(lr 1e-3,
    0.5, 0.999) so that one update moves weights visibly; λ_cls 1, λ_rec 10, λ_gp 10."""
    torch.manual_seed(0)
    n, c_dim, size, iterations, n_critic, lr = 4, 5, 32, 3, 2, 1e-3
    G = Generator(conv_dim=8, c_dim=c_dim, repeat_num=2)
    D = Discriminator(image_size=size, conv_dim=8, c_dim=c_dim, repeat_num=3)
    with torch.no_grad():   # non-trivial norm affines, so their gradients matter
        for m in G.modules():
            if isinstance(m, torch.nn.InstanceNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    t = {}
    for k, v in G.state_dict().items():
        t["G0." + k] = v.detach().clone().float()
    for k, v in D.state_dict().items():
        t["D0." + k] = v.detach().clone().float()
    g_opt = torch.optim.Adam(G.parameters(), lr, (0.5, 0.999))
    d_opt = torch.optim.Adam(D.parameters(), lr, (0.5, 0.999))

    def cls_loss(logit, target):
        return F.binary_cross_entropy_with_logits(logit, target, reduction="sum") / logit.size(0)

    for i in range(iterations):
        x = torch.rand(n, 3, size, size) * 2 - 1
        c_org = (torch.rand(n, c_dim) > 0.5).float()
        c_trg = c_org[torch.randperm(n)]
        alpha = torch.rand(n, 1, 1, 1)
        t[f"it{i}.x"], t[f"it{i}.c_org"], t[f"it{i}.c_trg"], t[f"it{i}.alpha"] = x, c_org, c_trg, alpha

        out_src, out_cls = D(x)
        d_loss_real = -torch.mean(out_src)
        d_loss_cls = cls_loss(out_cls, c_org)
        x_fake = G(x, c_trg)
        out_src, _ = D(x_fake.detach())
        d_loss_fake = torch.mean(out_src)
        x_hat = (alpha * x.data + (1 - alpha) * x_fake.data).requires_grad_(True)
        out_src, _ = D(x_hat)
        dydx = torch.autograd.grad(outputs=out_src, inputs=x_hat, grad_outputs=torch.ones_like(out_src),
                                   retain_graph=True, create_graph=True, only_inputs=True)[0]
        d_loss_gp = torch.mean((dydx.view(n, -1).norm(2, dim=1) - 1) ** 2)
        d_loss = d_loss_real + d_loss_fake + d_loss_cls + 10 * d_loss_gp
        g_opt.zero_grad(); d_opt.zero_grad()
        d_loss.backward()
        d_opt.step()
        t[f"it{i}.D/loss_real"], t[f"it{i}.D/loss_fake"] = d_loss_real, d_loss_fake
        t[f"it{i}.D/loss_cls"], t[f"it{i}.D/loss_gp"] = d_loss_cls, d_loss_gp

        if (i + 1) % n_critic == 0:
            x_fake = G(x, c_trg)
            out_src, out_cls = D(x_fake)
            g_loss_fake = -torch.mean(out_src)
            g_loss_cls = cls_loss(out_cls, c_trg)
            x_reconst = G(x_fake, c_org)
            g_loss_rec = torch.mean(torch.abs(x - x_reconst))
            g_loss = g_loss_fake + 10 * g_loss_rec + g_loss_cls
            g_opt.zero_grad(); d_opt.zero_grad()
            g_loss.backward()
            g_opt.step()
            t[f"it{i}.G/loss_fake"], t[f"it{i}.G/loss_rec"], t[f"it{i}.G/loss_cls"] = g_loss_fake, g_loss_rec, g_loss_cls
    for k, v in G.state_dict().items():
        t["G3." + k] = v.detach().clone().float()
    for k, v in D.state_dict().items():
        t["D3." + k] = v.detach().clone().float()
    save("stargan_steps", {k: v.reshape(1) if v.dim() == 0 else v for k, v in t.items()})


def cyclegan_steps():
    """Three iterations of one CycleGAN pair (cycle_gan_model.py L97-192): 32², ngf = ndf = 4, one
    residual block, batch 1 per domain, pool of 2 (full from the third iteration, where the B pool
    swaps slot 0 and the A pool passes through), lambda 10, identity 0.5, Adam(1e-3, 0.5, 0.999)."""
    torch.manual_seed(1)
    lam, lam_idt, lr, size = 10.0, 0.5, 1e-3, 32
    G_A, G_B = ResnetGenerator(4, 1), ResnetGenerator(4, 1)
    D_A, D_B = NLayerDiscriminator(4), NLayerDiscriminator(4)
    t = {}
    for name, net in [("G_A", G_A), ("G_B", G_B), ("D_A", D_A), ("D_B", D_B)]:
        normal_init(net)
        with torch.no_grad():   # non-zero biases, so their updates are checked too
            for m in net.modules():
                if isinstance(m, (torch.nn.Conv2d, torch.nn.ConvTranspose2d)):
                    m.bias.uniform_(-0.05, 0.05)
        for k, v in net.state_dict().items():
            t[f"{name}0.{k}"] = v.detach().clone()
    opt_G = torch.optim.Adam(list(G_A.parameters()) + list(G_B.parameters()), lr, (0.5, 0.999))
    opt_D = torch.optim.Adam(list(D_A.parameters()) + list(D_B.parameters()), lr, (0.5, 0.999))
    pool_A, pool_B = ImagePool(2), ImagePool(2)
    mse, l1 = torch.nn.MSELoss(), torch.nn.L1Loss()

    def gan(pred, real):
        return mse(pred, torch.full_like(pred, 1.0 if real else 0.0))

    draws = [((False, 0), (False, 0)), ((False, 1), (True, 1)), ((True, 0), (False, 1))]
    for i in range(3):
        real_A, real_B = torch.rand(1, 3, size, size) * 2 - 1, torch.rand(1, 3, size, size) * 2 - 1
        (swap_b, slot_b), (swap_a, slot_a) = draws[i]
        t[f"it{i}.real_A"], t[f"it{i}.real_B"] = real_A, real_B
        t[f"it{i}.draw_B"] = torch.tensor([float(swap_b), float(slot_b)])
        t[f"it{i}.draw_A"] = torch.tensor([float(swap_a), float(slot_a)])
        fake_B = G_A(real_A); rec_A = G_B(fake_B)
        fake_A = G_B(real_B); rec_B = G_A(fake_A)
        for p in list(D_A.parameters()) + list(D_B.parameters()):
            p.requires_grad_(False)
        opt_G.zero_grad()
        idt_A = l1(G_A(real_B), real_B) * lam * lam_idt
        idt_B = l1(G_B(real_A), real_A) * lam * lam_idt
        loss_G_A, loss_G_B = gan(D_A(fake_B), True), gan(D_B(fake_A), True)
        cycle_A, cycle_B = l1(rec_A, real_A) * lam, l1(rec_B, real_B) * lam
        (loss_G_A + loss_G_B + cycle_A + cycle_B + idt_A + idt_B).backward()
        opt_G.step()
        for p in list(D_A.parameters()) + list(D_B.parameters()):
            p.requires_grad_(True)
        opt_D.zero_grad()
        pooled_B = pool_B.query(fake_B, [(swap_b, slot_b)])
        loss_D_A = (gan(D_A(real_B), True) + gan(D_A(pooled_B.detach()), False)) * 0.5
        pooled_A = pool_A.query(fake_A, [(swap_a, slot_a)])
        loss_D_B = (gan(D_B(real_A), True) + gan(D_B(pooled_A.detach()), False)) * 0.5
        (loss_D_A + loss_D_B).backward()
        opt_D.step()
        for name, v in [("D_A", loss_D_A), ("G_A", loss_G_A), ("cycle_A", cycle_A), ("idt_A", idt_A),
                        ("D_B", loss_D_B), ("G_B", loss_G_B), ("cycle_B", cycle_B), ("idt_B", idt_B)]:
            t[f"it{i}.{name}"] = v.reshape(1)
    for name, net in [("G_A", G_A), ("G_B", G_B), ("D_A", D_A), ("D_B", D_B)]:
        for k, v in net.state_dict().items():
            t[f"{name}3.{k}"] = v.detach().clone()
    t["pool_B"] = torch.cat(pool_B.images, 0)
    t["pool_A"] = torch.cat(pool_A.images, 0)
    save("cyclegan_steps", t)


def icgan_steps():
    """Two cGAN iterations and one encoder iteration of IcGAN at 64², nz 8, ny 5, ngf = ndf = 4,
    encoders nf 4 with FC widths 16 and 8; Adam(1e-3, 0.5) for the GAN, (1e-3, 0.1) for the encoders;
    G in evaluation mode (running BN statistics) for the encoder iteration."""
    torch.manual_seed(2)
    n, nz, ny, lr = 4, 8, 5, 1e-3
    G, D = IcGANGenerator(nz, ny, 4), IcGANDiscriminator(ny, 4)
    Ez, Ey = IcGANEncoder(nz, 16, 4), IcGANEncoder(ny, 8, 4)
    t = {}
    for name, net in [("G", G), ("D", D), ("E_z", Ez), ("E_y", Ey)]:
        for m in net.modules():   # weights_init (trainGAN.lua L36-45), non-zero biases so they are checked
            if isinstance(m, (torch.nn.Conv2d, torch.nn.ConvTranspose2d, torch.nn.Linear)):
                torch.nn.init.normal_(m.weight, 0.0, 0.02)
                torch.nn.init.uniform_(m.bias, -0.05, 0.05)
            elif isinstance(m, (torch.nn.BatchNorm2d, torch.nn.BatchNorm1d)):
                torch.nn.init.normal_(m.weight, 1.0, 0.02)
                torch.nn.init.uniform_(m.bias, -0.05, 0.05)
        for k, v in net.state_dict().items():
            t[f"{name}0.{k}"] = v.detach().clone().float()
    opt_G = torch.optim.Adam(G.parameters(), lr, (0.5, 0.999))
    opt_D = torch.optim.Adam(D.parameters(), lr, (0.5, 0.999))
    opt_Ez = torch.optim.Adam(Ez.parameters(), lr, (0.1, 0.999))
    opt_Ey = torch.optim.Adam(Ey.parameters(), lr, (0.1, 0.999))
    bce = torch.nn.BCEWithLogitsLoss()
    for i in range(3):
        x = torch.rand(n, 3, 64, 64) * 2 - 1
        y = (torch.rand(n, ny) > 0.5).float() * 2 - 1
        z = torch.randn(n, nz)
        y_fake = y[torch.randperm(n)]
        y_wrong = y[torch.tensor([1, 2, 3, 0])]
        for k, v in [("x", x), ("y", y), ("z", z), ("y_fake", y_fake), ("y_wrong", y_wrong)]:
            t[f"it{i}.{k}"] = v
        if i < 2:
            fake = G(z, y_fake)
            loss_real = bce(D(x, y), torch.ones(n))
            loss_wrong = bce(D(x, y_wrong), torch.zeros(n)) * 0.5
            loss_fake = bce(D(fake.detach(), y_fake), torch.zeros(n)) * 0.5
            opt_D.zero_grad()
            (loss_real + loss_wrong + loss_fake).backward()
            opt_D.step()
            loss_g = bce(D(fake, y_fake), torch.ones(n))
            opt_G.zero_grad()
            loss_g.backward()
            opt_G.step()
            for k, v in [("D/loss_real", loss_real), ("D/loss_wrong", loss_wrong), ("D/loss_fake", loss_fake), ("G/loss", loss_g)]:
                t[f"it{i}.{k}"] = v.reshape(1)
        else:
            G.eval()
            with torch.no_grad():
                generated = G(z, y_fake)
            loss_z = F.mse_loss(Ez(generated), z)
            opt_Ez.zero_grad(); loss_z.backward(); opt_Ez.step()
            loss_y = F.mse_loss(Ey(x), y)
            opt_Ey.zero_grad(); loss_y.backward(); opt_Ey.step()
            t[f"it{i}.E_z/loss"], t[f"it{i}.E_y/loss"] = loss_z.reshape(1), loss_y.reshape(1)
    for name, net in [("G", G), ("D", D), ("E_z", Ez), ("E_y", Ey)]:
        for k, v in net.state_dict().items():
            t[f"{name}3.{k}"] = v.detach().clone().float()
    save("icgan_steps", {k: v.reshape(1) if v.dim() == 0 else v for k, v in t.items()})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for f in [stargan_steps, cyclegan_steps, icgan_steps]:
        f()
