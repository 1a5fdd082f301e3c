/*
 * check.h: what the C test programs share: the fixed validation time, exact checks that
 * stop at the first failure (naming the result code and the library's reason), and
 * reading a file of the repository whose root is the program's first argument.
 * Included by each program once; everything here is `static` to that program.
 */
#ifndef BAYTRUST_TEST_CHECK_H
#define BAYTRUST_TEST_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baytrust.h"

/* 2026-06-01T00:00:00Z: the lists are fresh and the test PKI's certificates valid then. */
#define NOW ((int64_t)1780272000)

/* The number of checks made (each program prints it at the end). */
static int checks;

#define CHECK(cond)                                                            \
  do {                                                                         \
    checks++;                                                                  \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

/* A result code compared exactly; on a mismatch both codes and the detail. */
#define CHECK_RESULT(call, expected)                                           \
  do {                                                                         \
    bt_result got_ = (call);                                                   \
    checks++;                                                                  \
    if (got_ != (expected)) {                                                  \
      char text_[128], detail_[512];                                           \
      bt_last_error_detail(detail_, sizeof detail_);                           \
      bt_result_message(got_, text_, sizeof text_);                            \
      fprintf(stderr, "%s:%d: %s gave %u (%s: %s), expected %u (%s)\n",        \
              __FILE__, __LINE__, #call, (unsigned)got_, text_, detail_,       \
              (unsigned)(expected), #expected);                                \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

typedef struct {
  uint8_t *data;
  size_t len;
} buffer;

static const char *root;

static buffer read_file(const char *relative) {
  char path[4096];
  buffer b = {NULL, 0};
  snprintf(path, sizeof path, "%s/%s", root, relative);
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(1);
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  b.len = (size_t)size;
  b.data = malloc(b.len ? b.len : 1);
  if (!b.data || fread(b.data, 1, b.len, f) != b.len) {
    fprintf(stderr, "cannot read %s\n", path);
    exit(1);
  }
  fclose(f);
  return b;
}

#endif
