// libjpeg(-turbo) decode/encode with setjmp error handling (see ImageCodecs.h).
#include "ImageCodecs.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char *error;
} jpeg_error_context;

static void on_error_exit(j_common_ptr cinfo) {
    jpeg_error_context *ctx = (jpeg_error_context *)cinfo->err;
    char message[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, message);
    snprintf(ctx->error, CODEC_ERROR_CAPACITY, "%s", message);
    longjmp(ctx->jump, 1);
}

/// libjpeg reports truncation ("Premature end of JPEG file") and corrupt entropy data only as
/// warnings and fills the rest with grey; we keep the first warning and fail after decoding.
static void on_message(j_common_ptr cinfo, int level) {
    jpeg_error_context *ctx = (jpeg_error_context *)cinfo->err;
    if (level < 0) {
        if (cinfo->err->num_warnings == 0) {
            char message[JMSG_LENGTH_MAX];
            (*cinfo->err->format_message)(cinfo, message);
            snprintf(ctx->error, CODEC_ERROR_CAPACITY, "%s", message);
        }
        cinfo->err->num_warnings++;
    }
}

/// Routes libjpeg's errors to `ctx` (longjmp to ctx->jump) and keeps its warnings.
static struct jpeg_error_mgr *error_manager(jpeg_error_context *ctx, char *error) {
    struct jpeg_error_mgr *manager = jpeg_std_error(&ctx->base);
    ctx->base.error_exit = on_error_exit;
    ctx->base.emit_message = on_message;
    ctx->error = error;
    return manager;
}

int codec_jpeg_decode(const uint8_t *data, size_t size, int keep_gray, uint64_t max_pixels, codec_image *out, char *error) {
    memset(out, 0, sizeof(*out));
    if (size < 3 || data[0] != 0xFF || data[1] != 0xD8) {
        snprintf(error, CODEC_ERROR_CAPACITY, "not a JPEG file (no SOI marker)");
        return 1;
    }
    struct jpeg_decompress_struct cinfo;
    jpeg_error_context ctx;
    uint8_t *volatile pixels = NULL;
    cinfo.err = error_manager(&ctx, error);
    if (setjmp(ctx.jump)) {
        jpeg_destroy_decompress(&cinfo);
        free(pixels);
        return 1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    // Before jpeg_start_decompress, which allocates whole-image buffers for progressive files.
    if ((uint64_t)cinfo.image_width * (uint64_t)cinfo.image_height > max_pixels) {
        snprintf(error, CODEC_ERROR_CAPACITY, "the header says %ux%u pixels, over the limit of %llu pixels",
                 (unsigned)cinfo.image_width, (unsigned)cinfo.image_height, (unsigned long long)max_pixels);
        jpeg_destroy_decompress(&cinfo);
        return 2;
    }
    int gray = cinfo.jpeg_color_space == JCS_GRAYSCALE && keep_gray;
    cinfo.out_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&cinfo);
    int width = (int)cinfo.output_width, height = (int)cinfo.output_height;
    int channels = (int)cinfo.output_components;
    size_t row_bytes = (size_t)width * (size_t)channels;
    pixels = malloc(row_bytes * (size_t)height);
    if (!pixels) {
        snprintf(error, CODEC_ERROR_CAPACITY, "out of memory while decoding JPEG");
        jpeg_destroy_decompress(&cinfo);
        return 1;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = pixels + row_bytes * cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    long warnings = ctx.base.num_warnings;
    jpeg_destroy_decompress(&cinfo);
    if (warnings > 0) {
        free(pixels);
        return 1;   // message already in `error`
    }
    out->width = width; out->height = height; out->channels = channels; out->bit_depth = 8;
    out->pixels = pixels;
    return 0;
}

int codec_jpeg_encode(const uint8_t *pixels, int width, int height, int channels, int quality,
                      uint8_t **encoded, size_t *encoded_size, char *error) {
    *encoded = NULL; *encoded_size = 0;
    if ((channels != 1 && channels != 3) || width <= 0 || height <= 0) {
        snprintf(error, CODEC_ERROR_CAPACITY, "unsupported JPEG layout: %dx%d, %d channels", width, height, channels);
        return 1;
    }
    struct jpeg_compress_struct cinfo;
    jpeg_error_context ctx;
    unsigned char *buffer = NULL;
    unsigned long buffer_size = 0;
    cinfo.err = error_manager(&ctx, error);
    if (setjmp(ctx.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(buffer);
        return 1;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &buffer, &buffer_size);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = channels;
    cinfo.in_color_space = channels == 3 ? JCS_RGB : JCS_GRAYSCALE;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    size_t row_bytes = (size_t)width * (size_t)channels;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + row_bytes * cinfo.next_scanline);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *encoded = buffer;
    *encoded_size = buffer_size;
    return 0;
}
