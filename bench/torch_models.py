"""The PyTorch networks of the three baselines, written from the upstream layer tables
(`../shared/reference/baselines.md`): the peers `bench/torch_bench.py` times and
`tools/make_training_fixtures.py` draws its step-parity fixtures from. One definition for both, so
the network the benchmark times is the one our step was checked against.
"""
import torch
import torch.nn as nn


# StarGAN (yunjey/stargan model.py; baselines.md 1.1-1.2)

class ResidualBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.InstanceNorm2d(c, affine=True, track_running_stats=True),
            nn.ReLU(inplace=True),
            nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.InstanceNorm2d(c, affine=True, track_running_stats=True))

    def forward(self, x):
        return x + self.main(x)


class Generator(nn.Module):
    """yunjey/stargan model.py Generator."""

    def __init__(self, conv_dim=64, c_dim=5, repeat_num=6):
        super().__init__()
        layers = [nn.Conv2d(3 + c_dim, conv_dim, 7, 1, 3, bias=False),
                  nn.InstanceNorm2d(conv_dim, affine=True, track_running_stats=True), nn.ReLU(inplace=True)]
        c = conv_dim
        for _ in range(2):
            layers += [nn.Conv2d(c, c * 2, 4, 2, 1, bias=False),
                       nn.InstanceNorm2d(c * 2, affine=True, track_running_stats=True), nn.ReLU(inplace=True)]
            c *= 2
        layers += [ResidualBlock(c) for _ in range(repeat_num)]
        for _ in range(2):
            layers += [nn.ConvTranspose2d(c, c // 2, 4, 2, 1, bias=False),
                       nn.InstanceNorm2d(c // 2, affine=True, track_running_stats=True), nn.ReLU(inplace=True)]
            c //= 2
        layers += [nn.Conv2d(c, 3, 7, 1, 3, bias=False), nn.Tanh()]
        self.main = nn.Sequential(*layers)

    def forward(self, x, c):
        c = c.view(c.size(0), c.size(1), 1, 1).repeat(1, 1, x.size(2), x.size(3))
        return self.main(torch.cat([x, c], dim=1))


class Discriminator(nn.Module):
    """yunjey/stargan model.py Discriminator."""

    def __init__(self, image_size=128, conv_dim=64, c_dim=5, repeat_num=6):
        super().__init__()
        layers = [nn.Conv2d(3, conv_dim, 4, 2, 1), nn.LeakyReLU(0.01)]
        c = conv_dim
        for _ in range(1, repeat_num):
            layers += [nn.Conv2d(c, c * 2, 4, 2, 1), nn.LeakyReLU(0.01)]
            c *= 2
        self.main = nn.Sequential(*layers)
        self.conv1 = nn.Conv2d(c, 1, 3, 1, 1, bias=False)
        self.conv2 = nn.Conv2d(c, c_dim, image_size // 2 ** repeat_num, bias=False)

    def forward(self, x):
        h = self.main(x)
        return self.conv1(h), self.conv2(h).view(h.size(0), -1)


# CycleGAN (junyanz/pytorch-CycleGAN-and-pix2pix networks.py; baselines.md 2.3-2.4)

class ResnetBlock(torch.nn.Module):
    """CycleGAN's ResnetBlock (networks.py L376-433), reflection padding, IN without affine, biased convs."""
    def __init__(self, dim):
        super().__init__()
        self.conv_block = nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3), nn.InstanceNorm2d(dim), nn.ReLU(True),
                                        nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3), nn.InstanceNorm2d(dim))

    def forward(self, x):
        return x + self.conv_block(x)


class ResnetGenerator(torch.nn.Module):
    """networks.py L315-373 with the table of baselines.md 2.3."""
    def __init__(self, ngf, n_blocks):
        super().__init__()
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


# IcGAN (Guim3/IcGAN trainGAN.lua, trainEncoder.lua; baselines.md 3.2-3.5)

class IcGANGenerator(torch.nn.Module):
    """trainGAN.lua L64-93 (baselines.md 3.2): y joins z at the input; FullConv-BN-ReLU ×4, FullConv-Tanh."""
    def __init__(self, nz, ny, ngf):
        super().__init__()
        m = [nn.ConvTranspose2d(nz + ny, ngf * 8, 4), nn.BatchNorm2d(ngf * 8), nn.ReLU(True)]
        c = ngf * 8
        for _ in range(3):
            m += [nn.ConvTranspose2d(c, c // 2, 4, 2, 1), nn.BatchNorm2d(c // 2), nn.ReLU(True)]
            c //= 2
        m += [nn.ConvTranspose2d(c, 3, 4, 2, 1), nn.Tanh()]
        self.main = nn.Sequential(*m)

    def forward(self, z, y):
        return self.main(torch.cat([z, y], 1).view(z.size(0), -1, 1, 1))


class IcGANDiscriminator(torch.nn.Module):
    """trainGAN.lua L97-145 (baselines.md 3.3): y tiled and joined after the first conv; logits out."""
    def __init__(self, ny, ndf):
        super().__init__()
        self.image = nn.Sequential(nn.Conv2d(3, ndf, 4, 2, 1), nn.LeakyReLU(0.2))
        self.joint = nn.Sequential(
            nn.Conv2d(ndf + ny, ndf * 2, 4, 2, 1), nn.BatchNorm2d(ndf * 2), nn.LeakyReLU(0.2),
            nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1), nn.BatchNorm2d(ndf * 4), nn.LeakyReLU(0.2),
            nn.Conv2d(ndf * 4, ndf * 8, 4, 2, 1), nn.BatchNorm2d(ndf * 8), nn.LeakyReLU(0.2),
            nn.Conv2d(ndf * 8, 1, 4))

    def forward(self, x, y):
        h = self.image(x)
        t = y.view(y.size(0), y.size(1), 1, 1).expand(-1, -1, h.size(2), h.size(3))
        return self.joint(torch.cat([h, t], 1)).view(-1)


class IcGANEncoder(torch.nn.Module):
    """trainEncoder.lua getEncoder L135-178 (baselines.md 3.5)."""
    def __init__(self, out, fc, nf):
        super().__init__()
        m, c, nxt = [], 3, nf
        for _ in range(4):
            m += [nn.Conv2d(c, nxt, 5, 2, 2), nn.BatchNorm2d(nxt), nn.ReLU(True)]
            c, nxt = nxt, nxt * 2
        self.features = nn.Sequential(*m)
        self.head = nn.Sequential(nn.Linear(c * 16, fc), nn.BatchNorm1d(fc), nn.ReLU(True), nn.Linear(fc, out))

    def forward(self, x):
        return self.head(self.features(x).view(x.size(0), -1))
