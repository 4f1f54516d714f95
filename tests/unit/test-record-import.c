/* test-record-import.c
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

#include "byline-record.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_import_round_trip (void)
{
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autofree char *article = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(JsonNode) exported = NULL;
  JsonObject *a, *b;
  g_autoptr(GList) members = NULL;
  gsize length;

  path = g_test_build_filename (G_TEST_DIST, "data", "records", "harbour-wall.record.json", NULL);
  g_assert_true (g_file_get_contents (path, &json, &length, NULL));

  article = byline_record_import (json, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);

  /* No cover image file exists: the blob must be kept as it was. */
  again = byline_record_export (article, strlen (article), NULL, BYLINE_RECORD_EXPORT_DEFAULT,
                                NULL, NULL, &error);
  g_assert_no_error (error);

  original = parse (json);
  exported = parse (again);
  a = json_node_get_object (original);
  b = json_node_get_object (exported);

  members = json_object_get_members (a);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (strcmp (name, "textContent") == 0)
        continue;

      g_test_message ("member %s", name);
      g_assert_true (json_object_has_member (b, name));
      g_assert_true (json_node_equal (json_object_get_member (a, name), json_object_get_member (b, name)));
    }
  /* Nothing is added either: not even a `content` the original did not have. */
  g_assert_cmpuint (json_object_get_size (b), ==, json_object_get_size (a));
}

static void
test_import_errors (void)
{
  static const char * const bad[] = {
    "not json",
    "{\"$type\": \"site.standard.document\", \"title\": \"trunc",
    "[1, 2]",
    "{\"$type\": \"app.bsky.feed.post\", \"text\": \"hi\"}",
    /* json-glib takes these for JSON; the root must not abort the importer. */
    "4{}",
    "4{\"$type\": \"site.standard.document\"}",
    "0[{\"$type\": \"site.standard.document\"}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *article = byline_record_import (bad[i], strlen (bad[i]), &error);

      g_assert_null (article);
      g_assert_nonnull (error);
      g_assert_true (error->domain == BYLINE_RECORD_ERROR);
    }
}

static void
test_import_without_content (void)
{
  const char *json =
    "{\"$type\":\"site.standard.document\",\"site\":\"https://example.com\",\"title\":\"T\","
    "\"publishedAt\":\"2024-01-05T00:00:00.000Z\",\"textContent\":\"Plain body\"}";
  g_autoptr(GError) error = NULL;
  g_autofree char *article = byline_record_import (json, strlen (json), &error);
  g_autofree char *again = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) original = parse (json);
  char *line;

  g_assert_no_error (error);
  again = byline_record_export (article, strlen (article), NULL, BYLINE_RECORD_EXPORT_DEFAULT,
                                NULL, NULL, &error);
  g_assert_no_error (error);
  node = parse (again);
  g_assert_true (json_node_equal (node, original));

  /* Without the `content: null` line, export writes the body as Markdown content. */
  edited = g_strdup (article);
  line = strstr (edited, "  content: null\n");
  g_assert_nonnull (line);
  memmove (line, line + strlen ("  content: null\n"), strlen (line + strlen ("  content: null\n")) + 1);
  line = strstr (edited, "recordFields:\n");
  if (line != NULL && (line[strlen ("recordFields:\n")] == '-'))
    memmove (line, line + strlen ("recordFields:\n"), strlen (line + strlen ("recordFields:\n")) + 1);
  g_clear_pointer (&again, g_free);
  g_clear_pointer (&node, json_node_unref);
  again = byline_record_export (edited, strlen (edited), NULL, BYLINE_RECORD_EXPORT_DEFAULT,
                                NULL, NULL, &error);
  g_assert_no_error (error);
  node = parse (again);
  g_assert_true (json_object_has_member (json_node_get_object (node), "content"));
  /* The path stays out until its `path: null` line goes too. */
  g_assert_false (json_object_has_member (json_node_get_object (node), "path"));
}

static void
test_import_unknown_content (void)
{
  const char *json =
    "{\"$type\":\"site.standard.document\",\"site\":\"https://example.com\",\"title\":\"T\","
    "\"publishedAt\":\"2024-01-05T00:00:00.000Z\",\"textContent\":\"Plain body\","
    "\"content\":{\"$type\":\"pub.leaflet.content\",\"pages\":[]}}";
  g_autoptr(GError) error = NULL;
  g_autofree char *article = byline_record_import (json, strlen (json), &error);
  g_autofree char *again = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (article, "Plain body"));

  again = byline_record_export (article, strlen (article), NULL, BYLINE_RECORD_EXPORT_DEFAULT,
                                NULL, NULL, &error);
  g_assert_no_error (error);
  node = parse (again);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (node), "content"), "$type"),
                   ==, "pub.leaflet.content");
}

static void
test_import_early_year (void)
{
  /* A year before 1000 is written with four digits, or it is no datetime any more. */
  const char *json =
    "{\"$type\":\"site.standard.document\",\"site\":\"https://example.com\",\"title\":\"T\","
    "\"publishedAt\":\"0506-01-05T10:00:00Z\",\"updatedAt\":\"0099-12-31T23:00:00.000-02:00\"}";
  g_autoptr(GError) error = NULL;
  g_autofree char *article = byline_record_import (json, strlen (json), &error);
  g_autofree char *again = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *record;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (article, "\npublishedAt: 0506-01-05T10:00:00.000Z\n"));
  g_assert_nonnull (strstr (article, "\nupdatedAt: 0100-01-01T01:00:00.000Z\n"));

  again = byline_record_export (article, strlen (article), NULL, BYLINE_RECORD_EXPORT_DEFAULT,
                                NULL, NULL, &error);
  g_assert_no_error (error);
  node = parse (again);
  record = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (record, "publishedAt"), ==, "0506-01-05T10:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (record, "updatedAt"), ==, "0099-12-31T23:00:00.000-02:00");
}

static void
test_import_huge_number (void)
{
  /* json-glib reads a number too large for a double as infinity: it is kept. */
  const char *json =
    "{\"$type\":\"site.standard.document\",\"site\":\"https://example.com\",\"title\":\"T\","
    "\"publishedAt\":\"2024-01-05T00:00:00.000Z\",\"extra\":{\"big\":5e64199,\"small\":-1e999,\"n\":1.5}}";
  g_autoptr(GError) error = NULL;
  g_autofree char *article = byline_record_import (json, strlen (json), &error);
  g_autofree char *again = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *a, *b;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (article, "    big: .inf\n    small: -.inf\n"));

  again = byline_record_export (article, strlen (article), NULL, BYLINE_RECORD_EXPORT_DEFAULT,
                                NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (again, "\"big\": 1e999"));
  original = parse (json);
  node = parse (again);
  a = json_object_get_object_member (json_node_get_object (original), "extra");
  b = json_object_get_object_member (json_node_get_object (node), "extra");
  g_assert_true (json_object_equal (a, b));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record/import/round-trip", test_import_round_trip);
  g_test_add_func ("/record/import/errors", test_import_errors);
  g_test_add_func ("/record/import/unknown-content", test_import_unknown_content);
  g_test_add_func ("/record/import/without-content", test_import_without_content);
  g_test_add_func ("/record/import/early-year", test_import_early_year);
  g_test_add_func ("/record/import/huge-number", test_import_huge_number);

  return g_test_run ();
}
