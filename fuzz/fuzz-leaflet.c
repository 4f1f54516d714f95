/* fuzz-leaflet.c
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

/*
 * libFuzzer harness for the Leaflet facet mapping, both ways. The first byte picks:
 *
 *  - even: the rest is a text block: its plain text up to the first NUL (made valid
 *    UTF-8), then facets, four bytes each (start, end, feature, attribute). Imported as
 *    Markdown and exported again, the block must come back with the same marks on the
 *    same bytes (Byline's canonical form of the facets);
 *  - odd: the rest is Markdown. Exported as blocks, imported as Markdown and exported
 *    again, it must give the same blocks.
 */

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "byline-json.h"
#include "byline-leaflet.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* abort(), not g_error(): libFuzzer saves the input on SIGABRT. */
#define fail(...) G_STMT_START { g_printerr (__VA_ARGS__); g_printerr ("\n"); abort (); } G_STMT_END

static const char * const features[] = {
  "bold", "italic", "strikethrough", "code", "underline", "highlight", "link", "didMention",
  "atMention", "id",
};

static JsonNode *
make_feature (guint8 kind,
              guint8 attribute)
{
  const char *name = features[kind % G_N_ELEMENTS (features)];
  g_autofree char *type = g_strconcat ("pub.leaflet.richtext.facet#", name, NULL);
  JsonObject *feature = json_object_new ();
  g_autofree char *value = g_strdup_printf ("%u", attribute % 4);

  json_object_set_string_member (feature, "$type", type);
  if (strcmp (name, "link") == 0)
    json_object_set_string_member (feature, "uri", attribute & 4 ? "https://example.org/a b" : "https://example.org/x");
  else if (strcmp (name, "didMention") == 0)
    json_object_set_string_member (feature, "did", "did:plc:abc");
  else if (strcmp (name, "atMention") == 0)
    json_object_set_string_member (feature, "atURI", "at://did:plc:abc/app.bsky.feed.post/1");
  else if (strcmp (name, "id") == 0)
    json_object_set_string_member (feature, "id", value);

  {
    JsonNode *node = json_node_new (JSON_NODE_OBJECT);

    json_node_take_object (node, feature);
    return node;
  }
}

static JsonObject *
content_for (JsonObject *block)
{
  JsonObject *content = json_object_new ();
  JsonObject *page = json_object_new ();
  JsonObject *item = json_object_new ();
  JsonArray *pages = json_array_new ();
  JsonArray *blocks = json_array_new ();

  json_object_set_string_member (item, "$type", "pub.leaflet.pages.linearDocument#block");
  json_object_set_object_member (item, "block", block);
  json_array_add_object_element (blocks, item);
  json_object_set_string_member (page, "$type", "pub.leaflet.pages.linearDocument");
  json_object_set_array_member (page, "blocks", blocks);
  json_array_add_object_element (pages, page);
  json_object_set_string_member (content, "$type", "pub.leaflet.content");
  json_object_set_array_member (content, "pages", pages);

  return content;
}

static void
facets_both_ways (const guint8 *data,
                  size_t        size)
{
  const guint8 *nul = memchr (data, 0, size);
  gsize text_length = nul ? (gsize)(nul - data) : size;
  g_autofree char *text = g_utf8_make_valid ((const char *)data, text_length);
  gsize length = strlen (text);
  JsonArray *facets = json_array_new ();
  JsonObject *block = json_object_new ();
  g_autoptr(JsonObject) content = NULL;
  g_autoptr(JsonObject) back = NULL;
  g_autofree char *markdown = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(JsonNode) got = NULL;
  JsonArray *pages, *blocks;

  for (const guint8 *p = nul ? nul + 1 : data + size; p + 4 <= data + size; p += 4)
    {
      JsonObject *facet = json_object_new ();
      JsonObject *index = json_object_new ();
      JsonArray *list = json_array_new ();

      json_object_set_int_member (index, "byteStart", length ? p[0] % (length + 1) : 0);
      json_object_set_int_member (index, "byteEnd", length ? p[1] % (length + 1) : 0);
      json_array_add_element (list, make_feature (p[2], p[3]));
      json_object_set_object_member (facet, "index", index);
      json_object_set_array_member (facet, "features", list);
      json_array_add_object_element (facets, facet);
    }

  json_object_set_string_member (block, "$type", "pub.leaflet.blocks.text");
  json_object_set_string_member (block, "plaintext", text);
  json_object_set_array_member (block, "facets", facets);
  content = content_for (block);

  markdown = byline_leaflet_to_markdown (content);
  if (markdown == NULL || !g_utf8_validate (markdown, -1, NULL))
    fail ("The import is not valid UTF-8");

  back = byline_leaflet_from_markdown (markdown, strlen (markdown), NULL);
  pages = json_object_get_array_member (back, "pages");
  if (json_array_get_length (pages) != 1)
    fail ("One block gave %u pages:\n%s", json_array_get_length (pages), markdown);
  blocks = json_object_get_array_member (json_array_get_object_element (pages, 0), "blocks");
  if (json_array_get_length (blocks) != 1)
    fail ("One block gave %u blocks:\n%s", json_array_get_length (blocks), markdown);

  expected = _byline_leaflet_canonical_item (json_array_get_element (
    json_object_get_array_member (json_array_get_object_element (
      json_object_get_array_member (content, "pages"), 0), "blocks"), 0));
  /* A block kept as a placeholder comes back as it was: compare what both show. */
  got = _byline_leaflet_canonical_item (json_array_get_element (blocks, 0));
  if (!json_node_equal (expected, got))
    {
      g_autofree char *a = byline_json_to_string (expected, TRUE, NULL);
      g_autofree char *b = byline_json_to_string (got, TRUE, NULL);

      fail ("The block changed on its way through Markdown:\n%s\n--- expected\n%s\n--- got\n%s", markdown, a, b);
    }
}

static void
markdown_both_ways (const guint8 *data,
                    size_t        size)
{
  g_autofree char *markdown = g_utf8_make_valid ((const char *)data, size);
  g_autoptr(JsonObject) first = byline_leaflet_from_markdown (markdown, strlen (markdown), NULL);
  g_autofree char *again = byline_leaflet_to_markdown (first);
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;

  if (again == NULL || !g_utf8_validate (again, -1, NULL))
    fail ("The import of an export is not valid UTF-8");

  second = byline_leaflet_from_markdown (again, strlen (again), NULL);
  a = json_node_init_object (json_node_alloc (), first);
  b = json_node_init_object (json_node_alloc (), second);
  if (!json_node_equal (a, b))
    {
      g_autofree char *x = byline_json_to_string (a, TRUE, NULL);
      g_autofree char *y = byline_json_to_string (b, TRUE, NULL);

      fail ("Markdown -> blocks -> Markdown -> blocks changed:\n%s\n--- as\n%s\n--- first\n%s\n--- then\n%s",
            markdown, again, x, y);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  if (size == 0)
    return 0;

  if (data[0] % 2 == 0)
    facets_both_ways (data + 1, size - 1);
  else
    markdown_both_ways (data + 1, size - 1);

  return 0;
}
