import Imaging
import TensorCore
import Testing

@Suite struct TransformTests {
    @Test func cropFlipAndCentreCrop() {
        let image = Image(width: 4, height: 3, channels: 1, pixels: (0..<12).map(Float.init))
        #expect(image.cropped(x: 1, y: 1, width: 2, height: 2).pixels == [5, 6, 9, 10])
        #expect(image.flippedHorizontally().pixels == [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8])
        #expect(image.flippedHorizontally().flippedHorizontally() == image)
        // torchvision CenterCrop: int(round((4 - 1) / 2)) = round(1.5) = 2 (half to even), (3 - 1) / 2 = 1.
        #expect(image.centerCropped(width: 1, height: 1).pixels == [6])
        // StarGAN's CelebA crop: 218×178 → 178: top = round(20.0) = 20.
        let tall = Image(width: 178, height: 218, channels: 1, pixels: (0..<(178 * 218)).map { Float($0 / 178) })
        #expect(tall.centerCropped(width: 178, height: 178).pixels[0] == 20)
    }

    @Test func gridPlacesTilesWithPadding() {
        let red = Image(width: 2, height: 2, channels: 3, pixels: [Float](repeating: 0, count: 12))
        let grid = ImageGrid.compose([[red, red], [red]], padding: 1, background: [1, 1, 1])
        #expect(grid.width == 7 && grid.height == 7)
        #expect(grid[1, 1, 0] == 0 && grid[0, 0, 0] == 1 && grid[4, 4, 0] == 1)
    }

    @Test func tensorRoundTripInMinusOneToOne() {
        let image = Image(width: 3, height: 2, channels: 3, pixels: (0..<18).map { Float($0) / 17 })
        let t = image.tensor()
        #expect(t.shape == [3, 2, 3])
        #expect(t.scalars.min()! == -1 && t.scalars.max()! == 1)
        let back = Image(tensor: t)
        #expect(zip(back.pixels, image.pixels).allSatisfy { Swift.abs($0 - $1) < 1e-6 })
    }
}
