// libpng decode/encode with setjmp error handling (see ImageCodecs.h).
#include "ImageCodecs.h"
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    jmp_buf jump;
    char *error;
    const uint8_t *data;
    size_t size, offset;
    uint8_t *out;
    size_t out_size, out_capacity;
} png_context;

static void on_error(png_structp png, png_const_charp message) {
    png_context *ctx = (png_context *)png_get_error_ptr(png);
    snprintf(ctx->error, CODEC_ERROR_CAPACITY, "%s", message);
    longjmp(ctx->jump, 1);
}

static void on_warning(png_structp png, png_const_charp message) { (void)png; (void)message; }

static void read_from_memory(png_structp png, png_bytep target, png_size_t length) {
    png_context *ctx = (png_context *)png_get_io_ptr(png);
    if (ctx->offset + length > ctx->size) png_error(png, "truncated PNG data (unexpected end of file)");
    memcpy(target, ctx->data + ctx->offset, length);
    ctx->offset += length;
}

static void write_to_memory(png_structp png, png_bytep source, png_size_t length) {
    png_context *ctx = (png_context *)png_get_io_ptr(png);
    if (ctx->out_size + length > ctx->out_capacity) {
        size_t capacity = ctx->out_capacity ? ctx->out_capacity * 2 : 65536;
        while (capacity < ctx->out_size + length) capacity *= 2;
        uint8_t *grown = realloc(ctx->out, capacity);
        if (!grown) png_error(png, "out of memory while encoding PNG");
        ctx->out = grown;
        ctx->out_capacity = capacity;
    }
    memcpy(ctx->out + ctx->out_size, source, length);
    ctx->out_size += length;
}

static void flush_nothing(png_structp png) { (void)png; }

int codec_png_decode(const uint8_t *data, size_t size, uint64_t max_pixels, codec_image *out, char *error) {
    memset(out, 0, sizeof(*out));
    if (size < 8 || png_sig_cmp(data, 0, 8) != 0) {
        snprintf(error, CODEC_ERROR_CAPACITY, "not a PNG file (bad signature)");
        return 1;
    }
    png_context ctx = {0};
    ctx.error = error; ctx.data = data; ctx.size = size;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx, on_error, on_warning);
    if (!png) { snprintf(error, CODEC_ERROR_CAPACITY, "libpng: cannot create read struct"); return 1; }
    png_infop info = png_create_info_struct(png);
    png_bytep *volatile rows = NULL;
    void *volatile pixels = NULL;
    if (!info || setjmp(ctx.jump)) {
        if (!info) snprintf(error, CODEC_ERROR_CAPACITY, "libpng: cannot create info struct");
        free(rows);
        free(pixels);
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        return 1;
    }
    png_set_read_fn(png, &ctx, read_from_memory);
    png_read_info(png, info);
    png_uint_32 header_width = png_get_image_width(png, info), header_height = png_get_image_height(png, info);
    if ((uint64_t)header_width * (uint64_t)header_height > max_pixels) {
        snprintf(error, CODEC_ERROR_CAPACITY, "the header says %ux%u pixels, over the limit of %llu pixels",
                 (unsigned)header_width, (unsigned)header_height, (unsigned long long)max_pixels);
        png_destroy_read_struct(&png, &info, NULL);
        return 2;
    }
    int color = png_get_color_type(png, info);
    int depth = png_get_bit_depth(png, info);
    if (color == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (depth == 16) png_set_swap(png);   // host order (little endian) for uint16 samples
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    int width = (int)png_get_image_width(png, info);
    int height = (int)png_get_image_height(png, info);
    int channels = png_get_channels(png, info);
    int out_depth = png_get_bit_depth(png, info);
    size_t row_bytes = png_get_rowbytes(png, info);
    pixels = malloc(row_bytes * (size_t)height);
    rows = malloc(sizeof(png_bytep) * (size_t)height);
    if (!pixels || !rows) png_error(png, "out of memory while decoding PNG");
    for (int y = 0; y < height; y++) rows[y] = (png_bytep)pixels + row_bytes * (size_t)y;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    out->width = width; out->height = height; out->channels = channels; out->bit_depth = out_depth;
    out->pixels = pixels;
    return 0;
}

int codec_png_encode(const void *pixels, int width, int height, int channels, int bit_depth,
                     int compression_level, uint8_t **encoded, size_t *encoded_size, char *error) {
    *encoded = NULL; *encoded_size = 0;
    static const int types[5] = {0, PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                                 PNG_COLOR_TYPE_RGB_ALPHA};
    if (channels < 1 || channels > 4 || (bit_depth != 8 && bit_depth != 16) || width <= 0 || height <= 0) {
        snprintf(error, CODEC_ERROR_CAPACITY, "unsupported PNG layout: %dx%d, %d channels, %d bits",
                 width, height, channels, bit_depth);
        return 1;
    }
    png_context ctx = {0};
    ctx.error = error;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, on_error, on_warning);
    if (!png) { snprintf(error, CODEC_ERROR_CAPACITY, "libpng: cannot create write struct"); return 1; }
    png_infop info = png_create_info_struct(png);
    png_bytep *volatile rows = NULL;
    if (!info || setjmp(ctx.jump)) {
        if (!info) snprintf(error, CODEC_ERROR_CAPACITY, "libpng: cannot create info struct");
        free(rows);
        free(ctx.out);
        png_destroy_write_struct(&png, info ? &info : NULL);
        return 1;
    }
    png_set_write_fn(png, &ctx, write_to_memory, flush_nothing);
    png_set_compression_level(png, compression_level);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, bit_depth, types[channels],
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    if (bit_depth == 16) png_set_swap(png);
    size_t row_bytes = (size_t)width * (size_t)channels * (size_t)(bit_depth / 8);
    rows = malloc(sizeof(png_bytep) * (size_t)height);
    if (!rows) png_error(png, "out of memory while encoding PNG");
    for (int y = 0; y < height; y++) rows[y] = (png_bytep)pixels + row_bytes * (size_t)y;
    png_write_image(png, rows);
    png_write_end(png, NULL);
    free(rows);
    png_destroy_write_struct(&png, &info);
    *encoded = ctx.out;
    *encoded_size = ctx.out_size;
    return 0;
}

void codec_free(void *pointer) { free(pointer); }
