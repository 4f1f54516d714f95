/* test-xrpc-record.c
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

/* The record Byline writes with putRecord, built from an article without any server. */

#include "config.h"

#include <string.h>

#include "byline-front-matter.h"
#include "byline-publisher.h"
#include "byline-review.h"

static JsonObject *
build (const char *article)
{
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(GError) error = NULL;
  gsize offset = 0;

  metadata = byline_front_matter_parse (article, strlen (article), &offset, &error);
  g_assert_no_error (error);

  return byline_publisher_build_record (metadata, article + offset, NULL);
}

static void
test_fields (void)
{
  g_autoptr(JsonObject) record = build ("---\n"
                                        "title: Harbour\n"
                                        "description: Dawn walk.\n"
                                        "site: https://example.com\n"
                                        "path: /harbour/\n"
                                        "tags:\n  - sea\n  - travel\n"
                                        "publishedAt: 2026-03-05T20:30:00.000Z\n"
                                        "---\n"
                                        "Body.\n");
  JsonObject *content;
  JsonArray *tags;

  g_assert_cmpstr (json_object_get_string_member (record, "$type"), ==, "site.standard.document");
  g_assert_cmpstr (json_object_get_string_member (record, "title"), ==, "Harbour");
  g_assert_cmpstr (json_object_get_string_member (record, "description"), ==, "Dawn walk.");
  g_assert_cmpstr (json_object_get_string_member (record, "site"), ==, "https://example.com");
  g_assert_cmpstr (json_object_get_string_member (record, "path"), ==, "/harbour/");
  g_assert_cmpstr (json_object_get_string_member (record, "publishedAt"), ==,
                   "2026-03-05T20:30:00.000Z");
  tags = json_object_get_array_member (record, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "travel");
  g_assert_false (json_object_has_member (record, "coverImage"));
  g_assert_false (json_object_has_member (record, "bskyPostRef"));
  g_assert_false (json_object_has_member (record, "updatedAt"));

  content = json_object_get_object_member (record, "content");
  g_assert_cmpstr (json_object_get_string_member (content, "$type"), ==, "at.markpub.markdown");
  g_assert_cmpstr (json_object_get_string_member (content, "flavor"), ==, "gfm");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (content, "text"),
                                                  "markdown"), ==, "Body.\n");
}

/* textContent: no Markdown, no HTML, link and alt text kept, URLs dropped, blocks separated by
 * a blank line, list items on their own lines. */
static void
test_text_content (void)
{
  g_autoptr(JsonObject) record = build ("---\ntitle: T\nsite: https://example.com\n---\n"
                                        "# At the *quay*\n"
                                        "\n"
                                        "Boats come in **early**, see [the tide table](https://t.example)\n"
                                        "and ![a gull](gull.png).\n"
                                        "\n"
                                        "- nets\n"
                                        "- ropes\n"
                                        "\n"
                                        "1. first\n"
                                        "2. second\n"
                                        "\n"
                                        "<div>raw</div>\n"
                                        "\n"
                                        "---\n"
                                        "\n"
                                        "> Quoted `code`.\n"
                                        "\n"
                                        "| a | b |\n|---|---|\n| 1 | 2 |\n");

  g_assert_cmpstr (json_object_get_string_member (record, "textContent"), ==,
                   "At the quay\n"
                   "\n"
                   "Boats come in early, see the tide table and a gull.\n"
                   "\n"
                   "nets\n"
                   "ropes\n"
                   "\n"
                   "first\n"
                   "second\n"
                   "\n"
                   "Quoted code.\n"
                   "\n"
                   "a b\n"
                   "1 2");
}

/* Fields Byline does not edit travel unchanged; the announcement's strong ref is written. */
static void
test_extra_fields (void)
{
  g_autoptr(BylineMetadata) metadata = byline_metadata_new ();
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonObject) record = NULL;
  JsonObject *ref;

  json_object_set_array_member (extra, "contributors", json_array_new ());
  byline_metadata_set_title (metadata, "T");
  byline_metadata_set_site (metadata, "https://example.com");
  byline_metadata_set_record_fields (metadata, extra);
  byline_metadata_set_bsky_post_uri (metadata, "at://did:plc:abc/app.bsky.feed.post/3jl7442uk2222");
  byline_metadata_set_bsky_post_cid (metadata, "bafyreiabc");
  byline_metadata_set_updated_at (metadata, "2026-11-01T09:00:00.000Z");

  record = byline_publisher_build_record (metadata, "", NULL);
  g_assert_true (json_object_has_member (record, "contributors"));
  ref = json_object_get_object_member (record, "bskyPostRef");
  g_assert_cmpstr (json_object_get_string_member (ref, "cid"), ==, "bafyreiabc");
  g_assert_cmpstr (json_object_get_string_member (record, "updatedAt"), ==,
                   "2026-11-01T09:00:00.000Z");
  g_assert_false (json_object_has_member (record, "textContent"));
}

static void
publish_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(BylineMetadata) metadata = NULL;

  metadata = byline_publisher_publish_finish (BYLINE_PUBLISHER (object), result, NULL, error);
  g_assert_null (metadata);
  g_assert_nonnull (*error);
}

/* Publishing stops before any request when suggestions or comments are left (the client's
 * address is closed: a request would fail otherwise). */
static void
test_review_marks_stop_publish (void)
{
  static const char article[] = "---\ntitle: T\nsite: https://example.com\n---\n\nA {++new++} line.\n";
  g_autoptr(BylineXrpcClient) client = byline_xrpc_client_new ("http://127.0.0.1:9");
  g_autoptr(BylinePublisher) publisher = byline_publisher_new (client);
  g_autoptr(GBytes) text = g_bytes_new_static (article, sizeof article - 1);
  g_autoptr(GError) error = NULL;

  byline_publisher_publish_async (publisher, text, NULL, BYLINE_PUBLISH_FLAGS_NONE, NULL,
                                  publish_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (error, BYLINE_REVIEW_ERROR, BYLINE_REVIEW_ERROR_UNRESOLVED);
  g_assert_nonnull (strstr (error->message, "(line 6)"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Byline/XrpcRecord/fields", test_fields);
  g_test_add_func ("/Byline/XrpcRecord/text-content", test_text_content);
  g_test_add_func ("/Byline/XrpcRecord/extra-fields", test_extra_fields);
  g_test_add_func ("/Byline/XrpcRecord/review-marks-stop-publish", test_review_marks_stop_publish);

  return g_test_run ();
}
