// A thin C layer over libpng and libjpeg whose only job is error handling: both libraries report
// errors by longjmp, which Swift cannot catch. Every function here returns 0 on success and a
// non-zero status with a message in `error` (NUL-terminated) on failure; it never aborts.
#ifndef IMAGE_CODECS_H
#define IMAGE_CODECS_H
#include <stddef.h>
#include <stdint.h>

#define CODEC_ERROR_CAPACITY 256

/// Decoded pixels: interleaved, row-major, `channels` samples per pixel (1 gray, 2 gray+alpha,
/// 3 RGB, 4 RGBA), `bit_depth` 8 (uint8 samples) or 16 (uint16 samples in host byte order).
/// `pixels` is malloc'ed; release it with codec_free.
typedef struct {
    int width, height, channels, bit_depth;
    void *pixels;
} codec_image;

/// Decoders check the header's dimensions against `max_pixels` (width × height) before allocating
/// anything for the pixels, so a small file claiming a huge image fails fast instead of exhausting memory.
int codec_png_decode(const uint8_t *data, size_t size, uint64_t max_pixels, codec_image *out, char *error);
/// Encodes `pixels` (layout as codec_image) to PNG in memory; `*encoded` is malloc'ed.
int codec_png_encode(const void *pixels, int width, int height, int channels, int bit_depth,
                     int compression_level, uint8_t **encoded, size_t *encoded_size, char *error);
/// Decodes baseline/progressive JPEG to 8-bit RGB (or gray when `keep_gray` and the file is gray).
/// Truncated or corrupt data (which libjpeg only warns about) is an error here.
int codec_jpeg_decode(const uint8_t *data, size_t size, int keep_gray, uint64_t max_pixels, codec_image *out, char *error);
/// Encodes 8-bit RGB (channels 3) or gray (channels 1) at `quality` (1–100) in memory.
int codec_jpeg_encode(const uint8_t *pixels, int width, int height, int channels, int quality,
                      uint8_t **encoded, size_t *encoded_size, char *error);
void codec_free(void *pointer);

#endif
