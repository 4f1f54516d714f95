/* test-leaflet.c
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

#include <glib/gstdio.h>

#include "byline-cid.h"
#include "byline-json.h"
#include "byline-leaflet.h"
#include "byline-leaflet-private.h"
#include "byline-record.h"

/* Leaflet blocks <-> Markdown: the fixtures in data/leaflet/ are records written from
 * Leaflet's lexicons (every block and facet type), each with the Markdown its content
 * imports as. */

static const char * const fixtures[] = {
  "essay", "code-and-math", "lists", "facets", "unicode", "embeds", "pages", "markdown-lookalikes",
};

static char *
fixture_path (const char *name,
              const char *extension)
{
  g_autofree char *file = g_strconcat (name, extension, NULL);

  return g_test_build_filename (G_TEST_DIST, "unit", "data", "leaflet", file, NULL);
}

static JsonNode *
parse_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The content of fixture @name. */
static JsonObject *
load_content (const char *name)
{
  g_autofree char *path = fixture_path (name, ".json");
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &json, NULL, &error);
  g_assert_no_error (error);
  record = parse_json (json);

  return json_object_ref (json_object_get_object_member (json_node_get_object (record), "content"));
}

static char *
load_markdown (const char *name)
{
  g_autofree char *path = fixture_path (name, ".md");
  g_autoptr(GError) error = NULL;
  char *markdown = NULL;

  g_file_get_contents (path, &markdown, NULL, &error);
  g_assert_no_error (error);
  return markdown;
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  /* Takes @object. */
  json_node_take_object (node, object);
  return node;
}

static void
assert_json_equal (JsonNode *a,
                   JsonNode *b)
{
  if (!json_node_equal (a, b))
    {
      g_autofree char *x = byline_json_to_string (a, TRUE, NULL);
      g_autofree char *y = byline_json_to_string (b, TRUE, NULL);

      g_assert_cmpstr (x, ==, y);
    }
}

static JsonArray *
page_blocks (JsonObject *content,
             guint       page)
{
  JsonArray *pages = json_object_get_array_member (content, "pages");

  return json_object_get_array_member (json_array_get_object_element (pages, page), "blocks");
}

static JsonObject *
block_at (JsonObject *content,
          guint       page,
          guint       index)
{
  JsonObject *item = json_array_get_object_element (page_blocks (content, page), index);

  return json_object_get_object_member (item, "block");
}

static char *
markdown_of (const char *markdown_text)
{
  g_autoptr(JsonObject) content = byline_leaflet_from_markdown (markdown_text, strlen (markdown_text), NULL);

  return byline_leaflet_to_markdown (content);
}

static JsonObject *
export (const char *markdown)
{
  return byline_leaflet_from_markdown (markdown, strlen (markdown), NULL);
}

/* Each fixture imports as the Markdown beside it. */
static void
test_import (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(JsonObject) content = load_content (fixtures[i]);
      g_autofree char *expected = load_markdown (fixtures[i]);
      g_autofree char *markdown = byline_leaflet_to_markdown (content);

      g_test_message ("%s", fixtures[i]);
      g_assert_cmpstr (markdown, ==, expected);
    }
}

/* Unedited, the Markdown gives back the very content; without the original to copy
 * from, the same blocks with the same marks on the same bytes. */
static void
test_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(JsonObject) content = load_content (fixtures[i]);
      g_autofree char *markdown = byline_leaflet_to_markdown (content);
      g_autoptr(JsonObject) back = byline_leaflet_from_markdown (markdown, strlen (markdown), content);
      g_autoptr(JsonObject) fresh = byline_leaflet_from_markdown (markdown, strlen (markdown), NULL);
      g_autoptr(JsonNode) a = object_node (json_object_ref (content));
      g_autoptr(JsonNode) b = object_node (json_object_ref (back));
      JsonArray *pages = json_object_get_array_member (content, "pages");

      g_test_message ("%s", fixtures[i]);
      assert_json_equal (a, b);

      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fresh, "pages")), ==,
                        json_array_get_length (pages));
      for (guint p = 0; p < json_array_get_length (pages); p++)
        {
          JsonArray *blocks = page_blocks (content, p);
          JsonArray *fresh_blocks = page_blocks (fresh, p);

          g_assert_cmpuint (json_array_get_length (fresh_blocks), ==, json_array_get_length (blocks));
          for (guint k = 0; k < json_array_get_length (blocks); k++)
            {
              g_autoptr(JsonNode) canonical = _byline_leaflet_canonical_item (json_array_get_element (blocks, k));

              assert_json_equal (json_array_get_element (fresh_blocks, k), canonical);
            }
        }
    }
}

/* Facets of @block as "start-end:feature,feature;" in canonical order. */
static char *
describe_facets (JsonObject *block)
{
  const char *plaintext = json_object_get_string_member (block, "plaintext");
  JsonArray *facets = json_object_get_array_member (block, "facets");
  g_autoptr(JsonArray) canonical = _byline_leaflet_canonical_facets (plaintext, strlen (plaintext), facets);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (canonical); i++)
    {
      JsonObject *facet = json_array_get_object_element (canonical, i);
      JsonObject *index = json_object_get_object_member (facet, "index");
      JsonArray *features = json_object_get_array_member (facet, "features");
      gint64 start = json_object_get_int_member (index, "byteStart");
      gint64 end = json_object_get_int_member (index, "byteEnd");

      g_string_append_printf (out, "%.*s:", (int)(end - start), plaintext + start);
      for (guint k = 0; k < json_array_get_length (features); k++)
        {
          const char *type = json_object_get_string_member (json_array_get_object_element (features, k), "$type");

          g_string_append_printf (out, "%s%s", k ? "," : "", strchr (type, '#') + 1);
        }
      g_string_append_c (out, ';');
    }

  return g_string_free (out, FALSE);
}

/* One paragraph edited in the Markdown: that block has the new text with every facet
 * still on the same words; every other block is written exactly as it was. */
static void
test_edit (void)
{
  static const struct {
    const char *fixture;
    const char *find;
    const char *replace;
    guint       block;
    const char *facets;
  } edits[] = {
    { "essay", "What replaced them", "What came after them", 2,
      "not nothing:bold;this publication:bold,italic;" },
    { "essay", "sent ~~corrections~~;", "sent ~~corrections~~ and **praise**;", 9,
      "corrections:strikethrough;praise:bold;" },
    { "facets", "Thanks to [Ana]", "Many thanks to [Ana]", 0,
      "Ana:didMention;the thread:atMention;" },
    { "unicode", "Family **👩‍👩‍👧** trip", "Family **👩‍👩‍👧** 🚗 trip", 0,
      "👩‍👩‍👧:bold;café:italic;e\xcc\x81:underline;" },
    { "unicode", "مرحبا **بالعالم**", "أهلا و مرحبا **بالعالم**", 1,
      "بالعالم:bold;שלום:link;" },
    { "markdown-lookalikes", "<strong>Bold </strong>with", "<strong>Bold </strong>and plain with", 7,
      "Bold :bold;tal:italic;" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(JsonObject) content = load_content (edits[i].fixture);
      g_autofree char *markdown = byline_leaflet_to_markdown (content);
      g_autoptr(GString) edited = g_string_new (markdown);
      g_autoptr(JsonObject) back = NULL;
      JsonArray *before, *after;
      g_autofree char *described = NULL;

      g_test_message ("%s: %s", edits[i].fixture, edits[i].replace);
      g_assert_cmpuint (g_string_replace (edited, edits[i].find, edits[i].replace, 1), ==, 1);
      back = byline_leaflet_from_markdown (edited->str, edited->len, content);

      before = page_blocks (content, 0);
      after = page_blocks (back, 0);
      g_assert_cmpuint (json_array_get_length (after), ==, json_array_get_length (before));
      for (guint k = 0; k < json_array_get_length (before); k++)
        if (k != edits[i].block)
          assert_json_equal (json_array_get_element (after, k), json_array_get_element (before, k));

      g_assert_false (json_node_equal (json_array_get_element (after, edits[i].block),
                                       json_array_get_element (before, edits[i].block)));
      described = describe_facets (block_at (back, 0, edits[i].block));
      g_assert_cmpstr (described, ==, edits[i].facets);
    }

  /* The edited text itself. */
  {
    g_autoptr(JsonObject) content = load_content ("essay");
    g_autofree char *markdown = byline_leaflet_to_markdown (content);
    g_autoptr(GString) edited = g_string_new (markdown);
    g_autoptr(JsonObject) back = NULL;

    g_string_replace (edited, "What replaced them", "What came after them", 1);
    back = byline_leaflet_from_markdown (edited->str, edited->len, content);
    g_assert_cmpstr (json_object_get_string_member (block_at (back, 0, 2), "plaintext"), ==,
                     "What came after them was not nothing. It was a mailing list, then a shared "
                     "document, then this publication.");
  }
}

/* UTF-8 byte offsets, with emoji, combining marks and right-to-left text. */
static void
test_unicode_offsets (void)
{
  g_autoptr(JsonObject) content =
    export ("**👩‍👩‍👧** e\xcc\x81 *שלום* ~~🇫🇷~~ `ق`");
  JsonObject *block = block_at (content, 0, 0);
  g_autofree char *json = byline_json_to_string (json_object_get_member (block, "facets"), FALSE, NULL);

  /* 👩‍👩‍👧 is 18 bytes, "e\u0301" 3, שלום 8, 🇫🇷 8, ق 2. */
  g_assert_cmpstr (json_object_get_string_member (block, "plaintext"), ==,
                   "👩‍👩‍👧 e\xcc\x81 שלום 🇫🇷 ق");
  g_assert_true (strstr (json, "\"byteStart\":0,\"byteEnd\":18},\"features\":[{\"$type\":\"pub.leaflet.richtext.facet#bold\"}]"));
  g_assert_true (strstr (json, "\"byteStart\":23,\"byteEnd\":31},\"features\":[{\"$type\":\"pub.leaflet.richtext.facet#italic\"}]"));
  g_assert_true (strstr (json, "\"byteStart\":32,\"byteEnd\":40},\"features\":[{\"$type\":\"pub.leaflet.richtext.facet#strikethrough\"}]"));
  g_assert_true (strstr (json, "\"byteStart\":41,\"byteEnd\":43},\"features\":[{\"$type\":\"pub.leaflet.richtext.facet#code\"}]"));
}

static JsonObject *
content_with_block (const char *plaintext,
                    const char *facets_json)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) text = json_node_init_string (json_node_alloc (), plaintext);
  g_autofree char *escaped = byline_json_to_string (text, FALSE, NULL);
  g_autoptr(JsonNode) node = NULL;

  json = g_strdup_printf ("{\"$type\":\"pub.leaflet.content\",\"pages\":[{\"$type\":\"pub.leaflet.pages.linearDocument\","
                          "\"blocks\":[{\"$type\":\"pub.leaflet.pages.linearDocument#block\",\"block\":"
                          "{\"$type\":\"pub.leaflet.blocks.text\",\"plaintext\":%s,\"facets\":%s}}]}]}",
                          escaped, facets_json);
  node = parse_json (json);
  return json_object_ref (json_node_get_object (node));
}

#define FACET(start, end, feature) \
  "{\"index\":{\"byteStart\":" #start ",\"byteEnd\":" #end "},\"features\":[{\"$type\":\"pub.leaflet.richtext.facet#" feature "\"}]}"

/* Overlapping facets, and facets that cut a character: the Markdown carries the same
 * marks on the same bytes, written as Leaflet writes them (a facet per run). */
static void
test_overlapping (void)
{
  g_autoptr(JsonObject) content = content_with_block ("one two three four",
                                                      "[" FACET (0, 7, "bold") "," FACET (4, 13, "italic") ","
                                                      FACET (4, 7, "bold") "," FACET (8, 18, "underline") "]");
  g_autofree char *markdown = byline_leaflet_to_markdown (content);
  g_autoptr(JsonObject) back = export (markdown);
  g_autofree char *described = describe_facets (block_at (back, 0, 0));

  /* `* three*` would not be emphasis in Markdown: this block's marks are tags. */
  g_assert_cmpstr (markdown, ==, "<strong>one <em>two</em></strong><em> <u>three</u></em><u> four</u>\n");
  g_assert_cmpstr (described, ==, "one :bold;two:bold,italic; :italic;three:italic,underline; four:underline;");

  /* A facet from the middle of é (e + U+0301) and of an emoji takes the whole characters. */
  {
    g_autoptr(JsonObject) cut = content_with_block ("cafe\xcc\x81 \xf0\x9f\x8d\xb0!", "[" FACET (5, 8, "bold") "]");
    g_autofree char *cut_markdown = byline_leaflet_to_markdown (cut);
    g_autoptr(JsonObject) cut_back = export (cut_markdown);
    g_autofree char *cut_described = describe_facets (block_at (cut_back, 0, 0));

    g_assert_cmpstr (cut_described, ==, "\xcc\x81 \xf0\x9f\x8d\xb0:bold;");
  }
}

/* GFM constructs Leaflet has no block for become the nearest blocks. */
static void
test_export_constructs (void)
{
  g_autoptr(JsonObject) content = export (
    "| a | b |\n|---|---|\n| 1 | **2** |\n\n"
    "Text with a note.[^n]\n\n[^n]: The note.\n\n"
    "<div>raw</div>\n\n"
    "<!-- a writer's note -->\n\n"
    "https://example.org/card\n\n"
    "![A cat](images/cat.png)\n\n"
    "- [x] done\n- [ ] todo\n\n"
    "> one\n>\n> two\n");
  JsonArray *blocks = page_blocks (content, 0);
  static const char * const types[] = {
    "text", "text", "text", "html", "website", "text", "unorderedList", "blockquote", "blockquote", "text",
  };
  g_autofree char *row = NULL;

  for (guint i = 0; i < json_array_get_length (blocks); i++)
    g_test_message ("%s", json_object_get_string_member (block_at (content, 0, i), "$type"));
  g_assert_cmpuint (json_array_get_length (blocks), ==, G_N_ELEMENTS (types));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *type = g_strconcat ("pub.leaflet.blocks.", types[i], NULL);

      g_assert_cmpstr (json_object_get_string_member (block_at (content, 0, i), "$type"), ==, type);
    }

  g_assert_cmpstr (json_object_get_string_member (block_at (content, 0, 0), "plaintext"), ==, "a | b");
  g_assert_cmpstr (json_object_get_string_member (block_at (content, 0, 1), "plaintext"), ==, "1 | 2");
  row = describe_facets (block_at (content, 0, 1));
  g_assert_cmpstr (row, ==, "2:bold;");
  g_assert_cmpstr (json_object_get_string_member (block_at (content, 0, 2), "plaintext"), ==, "Text with a note.[1]");
  g_assert_cmpstr (json_object_get_string_member (block_at (content, 0, 3), "html"), ==, "<div>raw</div>");
  g_assert_cmpstr (json_object_get_string_member (block_at (content, 0, 4), "src"), ==, "https://example.org/card");
  g_assert_cmpstr (json_object_get_string_member (block_at (content, 0, 5), "plaintext"), ==, "A cat");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (
    json_object_get_array_member (block_at (content, 0, 6), "children"), 0), "checked"));
  g_assert_cmpstr (json_object_get_string_member (block_at (content, 0, 9), "plaintext"), ==, "[1] The note.");
}

/* Markdown -> blocks -> Markdown -> blocks gives the same blocks. */
static void
test_stable (void)
{
  static const char * const articles[] = {
    "# Title\n\nSome *emphasis* and **strong** and `code` and [a link](https://example.org \"t\").\n",
    "1. one\n2. two\n   - nested *a*\n   - nested b\n\n10. ten\n",
    "Line\\\nbreak and soft\nbreak.\n\n***\n\n```c\nint x;\n```\n\n    indented code\n",
    "A <u>under</u> <mark>mark</mark> <s>s</s> <b>b</b> <i>i</i> and <kbd>kbd</kbd>.\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      g_autoptr(JsonObject) first = export (articles[i]);
      g_autofree char *markdown = byline_leaflet_to_markdown (first);
      g_autoptr(JsonObject) second = export (markdown);
      g_autoptr(JsonNode) a = object_node (json_object_ref (first));
      g_autoptr(JsonNode) b = object_node (json_object_ref (second));

      g_test_message ("%s", markdown);
      assert_json_equal (a, b);
    }

  {
    g_autofree char *again = markdown_of ("Some *emphasis* and **strong**.\n");

    g_assert_cmpstr (again, ==, "Some *emphasis* and **strong**.\n");
  }
}

/* Image headers: a 3×2 PNG, a 640×480 JPEG, a 5×7 WebP (VP8X). Only the header matters. */
static const guint8 png_3x2[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
  0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0, 0, 0, 0, 0,
};
static const guint8 jpeg_640x480[] = {
  0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 'J', 'F', 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80,
  0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9,
};
static const guint8 webp_5x7[] = {
  'R', 'I', 'F', 'F', 30, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 10, 0, 0, 0,
  0, 0, 0, 0, 4, 0, 0, 6, 0, 0,
};

static void
test_image_size (void)
{
  guint width, height;

  g_assert_true (_byline_image_size (png_3x2, sizeof png_3x2, &width, &height));
  g_assert_cmpuint (width, ==, 3);
  g_assert_cmpuint (height, ==, 2);
  g_assert_true (_byline_image_size (jpeg_640x480, sizeof jpeg_640x480, &width, &height));
  g_assert_cmpuint (width, ==, 640);
  g_assert_cmpuint (height, ==, 480);
  g_assert_true (_byline_image_size (webp_5x7, sizeof webp_5x7, &width, &height));
  g_assert_cmpuint (width, ==, 5);
  g_assert_cmpuint (height, ==, 7);
  g_assert_false (_byline_image_size ((const guint8 *)"not an image at all", 19, &width, &height));
  g_assert_false (_byline_image_size (png_3x2, 12, &width, &height));
}

/* An article in Leaflet blocks with images beside it: its export, in @dir. */
static char *
export_image_article (const char  *dir,
                      const char  *body,
                      GPtrArray  **problems,
                      GError     **error)
{
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *png = g_build_filename (images, "quay.png", NULL);
  g_autofree char *jpeg = g_build_filename (images, "gulls at noon.jpg", NULL);
  g_autofree char *article = g_strconcat ("---\ntitle: Pictures\nsite: https://example.com\n"
                                          "publishedAt: 2025-10-02\ncontentFormat: leaflet\n---\n", body, NULL);

  g_assert_cmpint (g_mkdir_with_parents (images, 0700), ==, 0);
  g_assert_true (g_file_set_contents (png, (const char *)png_3x2, sizeof png_3x2, NULL));
  g_assert_true (g_file_set_contents (jpeg, (const char *)jpeg_640x480, sizeof jpeg_640x480, NULL));

  return byline_record_export (article, strlen (article), base, BYLINE_RECORD_EXPORT_DEFAULT,
                               problems, NULL, error);
}

static void
remove_image_article (const char *dir)
{
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *png = g_build_filename (images, "quay.png", NULL);
  g_autofree char *jpeg = g_build_filename (images, "gulls at noon.jpg", NULL);

  g_unlink (png);
  g_unlink (jpeg);
  g_rmdir (images);
}

/* Images alone in their paragraph become image blocks: the blob computed from the file
 * (as publishing uploads it), the alt text, the aspect ratio from the file's header. An
 * image on the web stays its description as text; a missing file stops the export. */
static void
test_images (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-leaflet-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *json = export_image_article (dir,
    "![The quay](images/quay.png)\n\n![](images/gulls%20at%20noon.jpg)\n\n"
    "![On the web](https://example.org/x.png)\n", &problems, &error);
  g_autoptr(JsonNode) record = NULL;
  g_autofree char *cid = byline_cid_for_blob (png_3x2, sizeof png_3x2);
  JsonObject *content, *block, *image, *aspect;

  g_assert_no_error (error);
  record = parse_json (json);
  content = json_object_get_object_member (json_node_get_object (record), "content");

  block = block_at (content, 0, 0);
  g_assert_cmpstr (json_object_get_string_member (block, "$type"), ==, "pub.leaflet.blocks.image");
  g_assert_cmpstr (json_object_get_string_member (block, "alt"), ==, "The quay");
  image = json_object_get_object_member (block, "image");
  aspect = json_object_get_object_member (block, "aspectRatio");
  g_assert_cmpstr (json_object_get_string_member (image, "$type"), ==, "blob");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (image, "ref"), "$link"), ==, cid);
  g_assert_cmpstr (json_object_get_string_member (image, "mimeType"), ==, "image/png");
  g_assert_cmpint (json_object_get_int_member (image, "size"), ==, sizeof png_3x2);
  g_assert_cmpint (json_object_get_int_member (aspect, "width"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (aspect, "height"), ==, 2);

  block = block_at (content, 0, 1);
  g_assert_cmpstr (json_object_get_string_member (block, "$type"), ==, "pub.leaflet.blocks.image");
  g_assert_false (json_object_has_member (block, "alt"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (block, "image"), "mimeType"),
                   ==, "image/jpeg");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (block, "aspectRatio"), "width"), ==, 640);

  block = block_at (content, 0, 2);
  g_assert_cmpstr (json_object_get_string_member (block, "$type"), ==, "pub.leaflet.blocks.text");
  g_assert_cmpstr (json_object_get_string_member (block, "plaintext"), ==, "On the web");

  {
    g_autoptr(GError) missing_error = NULL;
    g_autofree char *missing = export_image_article (dir, "![Gone](images/gone.png)\n", NULL, &missing_error);

    g_assert_null (missing);
    g_assert_error (missing_error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_INVALID);
    g_assert_nonnull (strstr (missing_error->message, "images/gone.png"));
  }

  remove_image_article (dir);
  g_rmdir (dir);
}

static char *
export_with_format (const char              *format,
                    BylineRecordExportFlags  flags,
                    GError                 **error)
{
  g_autofree char *article = g_strdup_printf ("---\ntitle: Formats\nsite: https://example.com\n"
                                              "publishedAt: 2025-10-02\n%s%s%s---\nSome **bold** text.\n",
                                              format ? "contentFormat: " : "", format ? format : "",
                                              format ? "\n" : "");

  return byline_record_export (article, strlen (article), NULL, flags, NULL, NULL, error);
}

static const char *
exported_content_type (const char *json)
{
  static char type[64];
  g_autoptr(JsonNode) record = parse_json (json);
  JsonObject *object = json_node_get_object (record);

  if (!json_object_has_member (object, "content"))
    return "none";
  g_strlcpy (type, json_object_get_string_member (json_object_get_object_member (object, "content"), "$type"),
             sizeof type);
  return type;
}

/* `contentFormat` says what `content` is; a content flag of the export overrides it. */
static void
test_content_format (void)
{
  static const struct {
    const char              *format;
    BylineRecordExportFlags  flags;
    const char              *type;
  } cases[] = {
    { NULL, BYLINE_RECORD_EXPORT_DEFAULT, "at.markpub.markdown" },
    { "markdown", BYLINE_RECORD_EXPORT_DEFAULT, "at.markpub.markdown" },
    { "leaflet", BYLINE_RECORD_EXPORT_DEFAULT, "pub.leaflet.content" },
    { "none", BYLINE_RECORD_EXPORT_DEFAULT, "none" },
    { "leaflet", BYLINE_RECORD_EXPORT_MARKDOWN, "at.markpub.markdown" },
    { "markdown", BYLINE_RECORD_EXPORT_LEAFLET, "pub.leaflet.content" },
    { "leaflet", BYLINE_RECORD_EXPORT_OMIT_CONTENT, "none" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = export_with_format (cases[i].format, cases[i].flags, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (exported_content_type (json), ==, cases[i].type);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *json = export_with_format ("html", BYLINE_RECORD_EXPORT_DEFAULT, &error);

    g_assert_null (json);
    g_assert_error (error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "contentFormat"));
  }
}

/* Every fixture and every content the export makes passes the reference validator
 * (`content` against its own lexicon, the record against site.standard.document). */
static void
test_lexicon (void)
{
  const char *modules = g_getenv ("BYLINE_NODE_MODULES");
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *dir = g_dir_make_tmp ("byline-leaflet-XXXXXX", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char * const articles[] = {
    "# Title\n\nSome *emphasis*, **strong**, ~~struck~~, `code`, <u>u</u>, <mark>m</mark> and "
    "[a link](https://example.org), [@ana](did:plc:ewvi7nxzyoun6zhxrhs64oiz).\n\n"
    "> A quote\n\n- [x] a\n- b\n  1. c\n\n3. three\n\n---\n\n$$\nx^2\n$$\n\n```sh\nls\n```\n\n"
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>html</div>\n\nhttps://example.org\n",
  };
  int status;

  if (modules == NULL || srcdir == NULL)
    {
      g_test_skip ("BYLINE_NODE_MODULES is not set (run through build-aux/dev test)");
      return;
    }

  g_ptr_array_add (argv, g_strdup ("node"));
  g_ptr_array_add (argv, g_build_filename (srcdir, "tools", "validate-content.mjs", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(JsonObject) content = load_content (fixtures[i]);
      g_autofree char *markdown = byline_leaflet_to_markdown (content);

      g_ptr_array_add (argv, fixture_path (fixtures[i], ".json"));
      for (guint fresh = 0; fresh < 2; fresh++)
        {
          JsonObject *made = byline_leaflet_from_markdown (markdown, strlen (markdown), fresh ? NULL : content);
          g_autoptr(JsonObject) record = json_object_new ();
          g_autoptr(JsonNode) node = NULL;
          g_autofree char *json = NULL;
          char *path = g_strdup_printf ("%s/%s-%u.json", dir, fixtures[i], fresh);

          json_object_set_string_member (record, "$type", "site.standard.document");
          json_object_set_string_member (record, "site", "https://example.org");
          json_object_set_string_member (record, "title", fixtures[i]);
          json_object_set_string_member (record, "publishedAt", "2025-10-02T14:31:07.000Z");
          json_object_set_object_member (record, "content", made);
          node = object_node (json_object_ref (record));
          json = byline_json_to_string (node, TRUE, NULL);
          g_assert_true (g_file_set_contents (path, json, -1, NULL));
          g_ptr_array_add (argv, path);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      g_autoptr(JsonObject) record = json_object_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *json = NULL;
      char *path = g_strdup_printf ("%s/article-%u.json", dir, i);

      json_object_set_string_member (record, "$type", "site.standard.document");
      json_object_set_string_member (record, "site", "https://example.org");
      json_object_set_string_member (record, "title", "Article");
      json_object_set_string_member (record, "publishedAt", "2025-10-02T14:31:07.000Z");
      json_object_set_object_member (record, "content", export (articles[i]));
      node = object_node (json_object_ref (record));
      json = byline_json_to_string (node, TRUE, NULL);
      g_assert_true (g_file_set_contents (path, json, -1, NULL));
      g_ptr_array_add (argv, path);
    }
  /* With image blocks. */
  {
    g_autofree char *json = export_image_article (dir, "Text.\n\n![The quay](images/quay.png)\n", NULL, &error);
    char *path = g_strdup_printf ("%s/images.json", dir);

    g_assert_no_error (error);
    g_assert_true (g_file_set_contents (path, json, -1, NULL));
    g_ptr_array_add (argv, path);
  }
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s", out);
  g_assert_null (strstr (out, "INVALID"));
  g_assert_null (strstr (out, "unknown"));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  for (guint i = 2; i < argv->len - 1; i++)
    if (g_str_has_prefix (g_ptr_array_index (argv, i), dir))
      g_unlink (g_ptr_array_index (argv, i));
  remove_image_article (dir);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/leaflet/import", test_import);
  g_test_add_func ("/leaflet/round-trip", test_round_trip);
  g_test_add_func ("/leaflet/edit", test_edit);
  g_test_add_func ("/leaflet/unicode-offsets", test_unicode_offsets);
  g_test_add_func ("/leaflet/overlapping", test_overlapping);
  g_test_add_func ("/leaflet/export-constructs", test_export_constructs);
  g_test_add_func ("/leaflet/stable", test_stable);
  g_test_add_func ("/leaflet/image-size", test_image_size);
  g_test_add_func ("/leaflet/images", test_images);
  g_test_add_func ("/leaflet/content-format", test_content_format);
  g_test_add_func ("/leaflet/lexicon", test_lexicon);

  return g_test_run ();
}
