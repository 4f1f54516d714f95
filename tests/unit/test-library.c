/* test-library.c
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

/* The library's conversions, without a server: the name a pulled article gets, the article a
 * record becomes (images of Leaflet blocks as files in images/), and the comparison of an
 * article with its published record. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "byline-cid.h"
#include "byline-front-matter.h"
#include "byline-library.h"

/* A 1×1 PNG. */
static const guint8 png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
  0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
assert_name (const char *json,
             const char *rkey,
             const char *expected)
{
  g_autoptr(JsonObject) record = parse (json);
  g_autofree char *name = byline_library_article_name (record, rkey);

  g_assert_cmpstr (name, ==, expected);
}

static void
test_article_name (void)
{
  assert_name ("{\"path\": \"/notes/harbour/\", \"title\": \"T\"}", "3k", "harbour.md");
  assert_name ("{\"path\": \"/2024/05/night-trains.html\"}", "3k", "night-trains.md");
  assert_name ("{\"path\": \"/Ça Va\"}", "3k", "ca-va.md");
  assert_name ("{\"path\": \"/\", \"title\": \"Notes from the Harbour\"}", "3k", "notes-from-the-harbour.md");
  assert_name ("{\"title\": \"???\"}", "3lbcqx2", "3lbcqx2.md");
  assert_name ("{}", NULL, "article.md");
}

/* The record of a Leaflet article with a cover and an image block, as another app writes
 * it; @cid is the image's. */
static char *
leaflet_record (const char *cid,
                const char *alt)
{
  return g_strdup_printf (
    "{\"uri\": \"at://did:plc:abc/site.standard.document/3lbcqx2abcd22\", \"cid\": \"bafyreiabc\","
    " \"value\": {\"$type\": \"site.standard.document\", \"title\": \"Gulls\","
    " \"site\": \"https://example.com\", \"path\": \"/gulls/\","
    " \"publishedAt\": \"2026-03-05T20:30:00.000Z\","
    " \"coverImage\": {\"$type\": \"blob\", \"ref\": {\"$link\": \"%s\"}, \"mimeType\": \"image/png\", \"size\": %u},"
    " \"textContent\": \"Two gulls.\","
    " \"content\": {\"$type\": \"pub.leaflet.content\", \"pages\": [{\"$type\": \"pub.leaflet.pages.linearDocument\","
    "  \"blocks\": ["
    "   {\"$type\": \"pub.leaflet.pages.linearDocument#block\", \"block\": {\"$type\": \"pub.leaflet.blocks.text\","
    "    \"plaintext\": \"Two gulls on the harbour wall.\"}},"
    "   {\"$type\": \"pub.leaflet.pages.linearDocument#block\", \"block\": {\"$type\": \"pub.leaflet.blocks.image\","
    "    \"image\": {\"$type\": \"blob\", \"ref\": {\"$link\": \"%s\"}, \"mimeType\": \"image/png\", \"size\": %u},"
    "    \"aspectRatio\": {\"width\": 1, \"height\": 1}, \"alt\": \"%s\"}}]}]}}}",
    cid, (guint) sizeof png, cid, (guint) sizeof png, alt);
}

static void
test_record_to_article (void)
{
  g_autofree char *cid = byline_cid_for_blob (png, sizeof png);
  g_autofree char *json = leaflet_record (cid, "Gulls *on* [the] wall");
  g_autoptr(JsonObject) record = parse (json);
  g_autoptr(GPtrArray) blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *image = NULL;
  g_autofree char *expected = NULL;

  metadata = byline_library_record_to_article (record, &body, blobs, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_metadata_get_record_uri (metadata), ==,
                   "at://did:plc:abc/site.standard.document/3lbcqx2abcd22");
  g_assert_cmpstr (byline_metadata_get_record_cid (metadata), ==, "bafyreiabc");
  g_assert_cmpstr (byline_metadata_get_cover_image (metadata), ==, "images/cover.png");

  g_assert_cmpuint (blobs->len, ==, 1);
  image = byline_library_image_name (g_ptr_array_index (blobs, 0));
  {
    /* Named from the end of the CID: the same image, the same name. */
    g_autofree char *named = g_strdup_printf ("images/%s.png", cid + strlen (cid) - 12);

    g_assert_cmpstr (image, ==, named);
  }
  expected = g_strdup_printf ("Two gulls on the harbour wall.\n\n"
                              "![Gulls \\*on\\* \\[the\\] wall](%s)\n", image);
  g_assert_cmpstr (body, ==, expected);
}

/* An image block the export would not give back as it is stays a placeholder. */
static void
test_unusual_image_block (void)
{
  g_autofree char *cid = byline_cid_for_blob (png, sizeof png);
  g_autofree char *json = leaflet_record (cid, "Gulls");
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GPtrArray) blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  char *alt = strstr (json, "\"alt\"");

  /* "alt" becomes another member, "alignment"-like, that Markdown cannot hold. */
  memcpy (alt, "\"zzz\"", 5);
  record = parse (json);
  metadata = byline_library_record_to_article (record, &body, blobs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (blobs->len, ==, 0);
  g_assert_nonnull (strstr (body, "```leaflet-block\n"));
}

/* The article a pull makes compares equal to its record; an edit shows as changed words and
 * fields. */
static void
test_diff_article (void)
{
  g_autofree char *cid = byline_cid_for_blob (png, sizeof png);
  g_autofree char *json = leaflet_record (cid, "Gulls");
  g_autoptr(JsonObject) record = parse (json);
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *body = NULL;
  g_autofree char *front_matter = NULL;
  g_autofree char *text = NULL;
  g_autofree char *image = NULL;
  g_autofree char *image_path = NULL;
  g_autofree char *cover_path = NULL;
  g_autofree char *images = NULL;
  g_autofree char *same = NULL;
  g_autofree char *diff = NULL;
  g_autofree char *edited = NULL;
  GString *changed;
  g_autoptr(GPtrArray) blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  tmp = g_dir_make_tmp ("byline-library-XXXXXX", &error);
  g_assert_no_error (error);
  dir = g_file_new_for_path (tmp);
  images = g_build_filename (tmp, "images", NULL);
  g_assert_cmpint (g_mkdir (images, 0700), ==, 0);

  metadata = byline_library_record_to_article (record, &body, blobs, &error);
  g_assert_no_error (error);
  image = byline_library_image_name (g_ptr_array_index (blobs, 0));
  image_path = g_build_filename (tmp, image, NULL);
  cover_path = g_build_filename (tmp, "images", "cover.png", NULL);
  g_assert_true (g_file_set_contents (image_path, (const char *) png, sizeof png, NULL));
  g_assert_true (g_file_set_contents (cover_path, (const char *) png, sizeof png, NULL));
  byline_metadata_set_cover_blob (metadata, NULL);
  front_matter = byline_front_matter_serialize (metadata);
  text = g_strconcat (front_matter, body, NULL);

  same = byline_library_diff_article (text, strlen (text), dir, record, "gulls.md", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (same, ==, "");

  changed = g_string_new (text);
  g_string_replace (changed, "title: Gulls", "title: Gulls at dawn", 1);
  g_string_replace (changed, "on the harbour wall", "on the old wall", 0);
  edited = g_string_free (changed, FALSE);
  diff = byline_library_diff_article (edited, strlen (edited), dir, record, "gulls.md", &error);
  g_assert_no_error (error);
  g_test_message ("%s", diff);
  g_assert_true (g_str_has_prefix (diff, "--- at://did:plc:abc/site.standard.document/3lbcqx2abcd22 bafyreiabc\n"
                                         "+++ gulls.md\n"
                                         "@@ title @@\n"
                                         "-Gulls\n"
                                         "+Gulls at dawn\n"));
  g_assert_nonnull (strstr (diff, "~Two gulls on the [-harbour-]{+old+} wall.\n"));

  g_unlink (image_path);
  g_unlink (cover_path);
  g_rmdir (images);
  g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/article-name", test_article_name);
  g_test_add_func ("/library/record-to-article", test_record_to_article);
  g_test_add_func ("/library/unusual-image-block", test_unusual_image_block);
  g_test_add_func ("/library/diff-article", test_diff_article);

  return g_test_run ();
}
