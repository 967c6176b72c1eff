#!/usr/bin/env python3
"""Step-parity fixtures for the training methods, from PyTorch (CPU, float32).

For each baseline: the initial weights, the batches, labels and random draws of a few full training
iterations (StarGAN: target labels and GP α), the losses of every iteration and the weights after the
last one, under names Tests/StarGANTests reads. The networks are `bench/torch_bench.py`'s (written from
the `yunjey/stargan` layer tables, `baselines.md` §1.1–1.2); the solver below follows `solver.py`
L185–291. Run `make training-fixtures` (needs torch, safetensors); the small files are committed.
"""
import os
import sys

import torch
import torch.nn.functional as F
from safetensors.torch import save_file

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures/training"
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "bench"))
from torch_bench import Discriminator, Generator  # noqa: E402

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


class ResnetBlock(torch.nn.Module):
    """CycleGAN's ResnetBlock (networks.py L376-433), reflection padding, IN without affine, biased convs."""
    def __init__(self, dim):
        super().__init__()
        nn = torch.nn
        self.conv_block = nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3), nn.InstanceNorm2d(dim), nn.ReLU(True),
                                        nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3), nn.InstanceNorm2d(dim))

    def forward(self, x):
        return x + self.conv_block(x)


class ResnetGenerator(torch.nn.Module):
    """networks.py L315-373 with the table of baselines.md 2.3."""
    def __init__(self, ngf, n_blocks):
        super().__init__()
        nn = torch.nn
        m = [nn.ReflectionPad2d(3), nn.Conv2d(3, ngf, 7), nn.InstanceNorm2d(ngf), nn.ReLU(True)]
        for i in range(2):
            c = ngf * 2 ** i
            m += [nn.Conv2d(c, c * 2, 3, stride=2, padding=1), nn.InstanceNorm2d(c * 2), nn.ReLU(True)]
        m += [ResnetBlock(ngf * 4) for _ in range(n_blocks)]
        for i in range(2):
            c = ngf * 2 ** (2 - i)
            m += [nn.ConvTranspose2d(c, c // 2, 3, stride=2, padding=1, output_padding=1), nn.InstanceNorm2d(c // 2), nn.ReLU(True)]
        m += [nn.ReflectionPad2d(3), nn.Conv2d(ngf, 3, 7), nn.Tanh()]
        self.model = nn.Sequential(*m)

    def forward(self, x):
        return self.model(x)


class NLayerDiscriminator(torch.nn.Module):
    """networks.py L538-583, n_layers = 3, instance norm (so every conv has a bias)."""
    def __init__(self, ndf, n_layers=3):
        super().__init__()
        nn = torch.nn
        m = [nn.Conv2d(3, ndf, 4, 2, 1), nn.LeakyReLU(0.2, True)]
        mult = 1
        for n in range(1, n_layers + 1):
            prev, mult = mult, min(2 ** n, 8)
            m += [nn.Conv2d(ndf * prev, ndf * mult, 4, 2 if n < n_layers else 1, 1), nn.InstanceNorm2d(ndf * mult),
                  nn.LeakyReLU(0.2, True)]
        m += [nn.Conv2d(ndf * mult, 1, 4, 1, 1)]
        self.model = nn.Sequential(*m)

    def forward(self, x):
        return self.model(x)


def normal_init(net):
    """init_weights('normal', 0.02), networks.py L67-98."""
    for m in net.modules():
        if isinstance(m, (torch.nn.Conv2d, torch.nn.ConvTranspose2d)):
            torch.nn.init.normal_(m.weight, 0.0, 0.02)
            torch.nn.init.constant_(m.bias, 0.0)


class ImagePool:
    """util/image_pool.py with the draws (swap, slot) given instead of taken from `random`."""
    def __init__(self, size):
        self.size, self.images = size, []

    def query(self, images, draws):
        out = []
        for image, (swap, slot) in zip(images, draws):
            image = image.data.unsqueeze(0)
            if len(self.images) < self.size:
                self.images.append(image)
                out.append(image)
            elif swap:
                tmp = self.images[slot].clone()
                self.images[slot] = image
                out.append(tmp)
            else:
                out.append(image)
        return torch.cat(out, 0)


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


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for f in [stargan_steps, cyclegan_steps]:
        f()
