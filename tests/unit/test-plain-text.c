/* test-plain-text.c
 *
 * Copyright 2026 The Byline Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "byline-cid.h"
#include "byline-json.h"
#include "byline-plain-text.h"

static void
assert_plain (const char *markdown,
              const char *expected)
{
  g_autofree char *text = byline_plain_text_from_markdown (markdown, strlen (markdown));

  g_assert_cmpstr (text, ==, expected);
}

static void
test_plain_text_blocks (void)
{
  assert_plain ("# Title\n\nA *bold* and `code` [link](https://example.com) ![alt text](a.png).\n",
                "Title\n\nA bold and code link alt text.");
  assert_plain ("> quoted\n> line\n\n- one\n- two\n  - nested\n\nafter", "quoted line\n\none\ntwo\nnested\n\nafter");
  assert_plain ("| a | b |\n|---|---|\n| c | d |\n", "a b\nc d");
  assert_plain ("<div>html <b>text</b></div>\n\npara", "para");
  assert_plain ("```\ncode block\n```\n", "code block");
  assert_plain ("", "");
}

static void
test_plain_text_invalid_utf8 (void)
{
  /* Invalid bytes and NUL characters become U+FFFD, in text and in code. */
  static const char markdown[] = "bad \xff\xfe and \0 here\n\n    code \xc3\n";
  static const char * const cut[] = { "[^\n\xef\xbf\xbd\b]", "[^\n\xe2\x82\xac\x01]" };
  g_autofree char *text = byline_plain_text_from_markdown (markdown, sizeof markdown - 1);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (text, ==, "bad \xef\xbf\xbd\xef\xbf\xbd and \xef\xbf\xbd here\n\ncode \xef\xbf\xbd");

  /* Valid UTF-8 that cmark-gfm cuts in the middle of a character. */
  for (guint i = 0; i < G_N_ELEMENTS (cut); i++)
    {
      g_autofree char *cut_text = byline_plain_text_from_markdown (cut[i], strlen (cut[i]));

      g_assert_true (g_utf8_validate (cut_text, -1, NULL));
    }
}

static void
test_plain_text_no_markup (void)
{
  const char *md = "## H\n\n* **x** _y_ ~~z~~\n\n1. a\n2. b\n\n> q\n\n---\n\n| t |\n|---|\n| u |\n";
  g_autofree char *text = byline_plain_text_from_markdown (md, strlen (md));

  for (const char *c = "#*`|>"; *c; c++)
    g_assert_null (strchr (text, *c));
  g_assert_null (strstr (text, "https://"));
}

static void
check_blob_cid (const guint8 *data,
                gsize         length)
{
  g_autofree char *cid = byline_cid_for_blob (data, length);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *cmd = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "tools", "blob-cid.py", NULL);
  int fd;

  g_assert_true (g_str_has_prefix (cid, "bafkrei"));

  fd = g_file_open_tmp ("byline-cid-XXXXXX", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, (const char *)data, length, &error);
  g_assert_no_error (error);

  /* An independent implementation, in Python, makes the same CID. */
  cmd = g_strdup_printf ("python3 %s %s", script, path);
  g_spawn_command_line_sync (cmd, &out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_assert_cmpstr (g_strstrip (out), ==, cid);
}

static void
test_cid_blob (void)
{
  g_autofree guint8 *big = g_malloc (1200000);
  g_autofree char *hello = byline_cid_for_blob ((const guint8 *)"hello world", 11);

  g_assert_cmpstr (hello, ==, "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
  check_blob_cid ((const guint8 *)"\x89PNG\r\n\x1a\n0000", 12);
  for (gsize i = 0; i < 1200000; i++)
    big[i] = (guint8)(i * 31 + (i >> 9));
  check_blob_cid (big, 1200000);
  check_blob_cid ((const guint8 *)"", 0);
}

static void
test_json_deterministic (void)
{
  const char *input = "{\"b\":\"Ünïcödé 👨‍👩‍👧\",\"a\":[1,true,null,\"q\\\"\\n\"],\"c\":{\"z\":1}}";
  g_autoptr(JsonNode) node = json_from_string (input, NULL);
  g_autofree char *one = byline_json_to_string (node, FALSE, NULL);
  g_autofree char *two = byline_json_to_string (node, FALSE, NULL);

  g_assert_nonnull (node);
  g_assert_cmpstr (one, ==, two);
  /* Member order is kept and UTF-8 is written as is. */
  g_assert_cmpstr (one, ==, input);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plain-text/blocks", test_plain_text_blocks);
  g_test_add_func ("/plain-text/no-markup", test_plain_text_no_markup);
  g_test_add_func ("/plain-text/invalid-utf8", test_plain_text_invalid_utf8);
  g_test_add_func ("/cid/blob", test_cid_blob);
  g_test_add_func ("/json/deterministic", test_json_deterministic);

  return g_test_run ();
}
