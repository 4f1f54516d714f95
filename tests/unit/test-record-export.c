/* test-record-export.c
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

#include "byline-publisher.h"
#include "byline-record.h"
#include "byline-review.h"
#include "byline-validator.h"
#include "byline-test-articles.h"

static char *
export (const char  *article,
        GFile       *base,
        GPtrArray  **problems,
        GError     **error)
{
  return byline_record_export (article, strlen (article), base, BYLINE_RECORD_EXPORT_DEFAULT,
                               problems, NULL, error);
}

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
test_export_basic (void)
{
  const char *article =
    "---\ntitle: Why Beijing Is Betting Big on AI\nsite: https://example.com\n"
    "date: 2024-01-05\ntags: [ai, china]\n---\n\n# Heading\n\nSome *text* and [a link](https://x.org).\n\n- one\n- two\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = export (article, NULL, &problems, &error);
  g_autofree char *again = export (article, NULL, NULL, NULL);
  g_autoptr(JsonObject) record = NULL;
  JsonObject *content, *text;

  g_assert_no_error (error);
  g_assert_nonnull (json);
  g_assert_cmpstr (json, ==, again);
  record = parse (json);

  g_assert_cmpstr (json_object_get_string_member (record, "$type"), ==, "site.standard.document");
  g_assert_cmpstr (json_object_get_string_member (record, "path"), ==, "/why-beijing-is-betting-big-on-ai");
  g_assert_cmpstr (json_object_get_string_member (record, "publishedAt"), ==, "2024-01-05T00:00:00.000Z");
  g_assert_cmpstr (json_object_get_string_member (record, "textContent"), ==,
                   "Heading\n\nSome text and a link.\n\none\ntwo");
  content = json_object_get_object_member (record, "content");
  g_assert_cmpstr (json_object_get_string_member (content, "$type"), ==, "at.markpub.markdown");
  g_assert_cmpstr (json_object_get_string_member (content, "flavor"), ==, "gfm");
  text = json_object_get_object_member (content, "text");
  g_assert_cmpstr (json_object_get_string_member (text, "$type"), ==, "at.markpub.text");
  g_assert_nonnull (strstr (json_object_get_string_member (text, "markdown"), "# Heading\n\nSome *text* and [a link](https://x.org)."));
}

static void
test_export_offset_and_no_content (void)
{
  const char *article =
    "---\ntitle: Ça été\nsite: at://did:plc:abc/site.standard.publication/x\n"
    "publishedAt: 2024-01-05T10:00:00+02:00\n---\nBody\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *json = byline_record_export (article, strlen (article), NULL,
                                                BYLINE_RECORD_EXPORT_OMIT_CONTENT,
                                                NULL, NULL, &error);
  g_autoptr(JsonObject) record = NULL;

  g_assert_no_error (error);
  record = parse (json);
  g_assert_false (json_object_has_member (record, "content"));
  g_assert_cmpstr (json_object_get_string_member (record, "publishedAt"), ==, "2024-01-05T08:00:00.000Z");
  g_assert_cmpstr (json_object_get_string_member (record, "path"), ==, "/ca-ete");
  /* UTF-8 is not escaped. */
  g_assert_nonnull (strstr (json, "Ça été"));
}

static void
assert_fails (const char *article,
              GFile      *base,
              const char *field)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = export (article, base, &problems, &error);
  gboolean found = FALSE;

  g_assert_null (json);
  g_assert_error (error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_INVALID);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    {
      BylineProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->field, field) == 0 && problem->severity == BYLINE_PROBLEM_ERROR)
        found = TRUE;
    }
  g_assert_true (found);
}

static void
test_export_invalid (void)
{
  g_autoptr(GString) title = g_string_new ("---\nsite: https://example.com\npublishedAt: 2024-01-05\ntitle: ");
  g_autofree char *dir = g_dir_make_tmp ("byline-export-XXXXXX", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  g_autofree char *big = g_build_filename (dir, "big.png", NULL);
  g_autofree char *fake = g_build_filename (dir, "fake.png", NULL);
  g_autofree guint8 *bytes = g_malloc0 (1200000);

  memcpy (bytes, "\x89PNG\r\n\x1a\n", 8);
  g_assert_true (g_file_set_contents (big, (const char *)bytes, 1200000, NULL));
  g_assert_true (g_file_set_contents (fake, "not an image at all", -1, NULL));

  /* 501 graphemes: each is e + a combining acute accent. */
  for (guint i = 0; i < 501; i++)
    g_string_append (title, "e\xcc\x81");
  g_string_append (title, "\n---\nBody\n");

  assert_fails ("---\nsite: https://example.com\npublishedAt: 2024-01-05\n---\nBody\n", NULL, "title");
  assert_fails ("---\ntitle: T\nsite: https://example.com/\npublishedAt: 2024-01-05\n---\n", NULL, "site");
  assert_fails ("---\ntitle: T\nsite: https://example.com\npublishedAt: yesterday\n---\n", NULL, "publishedAt");
  assert_fails (title->str, NULL, "title");
  assert_fails ("---\ntitle: T\nsite: https://example.com\npublishedAt: 2024-01-05\ncoverImage: big.png\n---\n", base, "coverImage");
  assert_fails ("---\ntitle: T\nsite: https://example.com\npublishedAt: 2024-01-05\ncoverImage: fake.png\n---\n", base, "coverImage");

  g_unlink (big);
  g_unlink (fake);
  g_rmdir (dir);
}

/* Suggestions and comments never leave the draft: the export stops and says where they are;
 * marks in code or in the front matter are no marks. */
static void
test_export_review_marks (void)
{
  static const char head[] = "---\ntitle: \"T {++x++}\"\nsite: https://example.com\npublishedAt: 2024-01-05\n---\n";
  g_autofree char *marked = g_strconcat (head, "A {~~dog~>cat~~}{>>Ann:<<}\nsat.\n\n{==Here==}{>>why?<<}\n", NULL);
  g_autofree char *code = g_strconcat (head, "`{++x++}`\n\n```\n{--y--}\n```\n", NULL);
  g_autofree char *resolved = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  json = byline_record_export (marked, strlen (marked), NULL, BYLINE_RECORD_EXPORT_DEFAULT,
                               NULL, NULL, &error);
  g_assert_null (json);
  g_assert_error (error, BYLINE_REVIEW_ERROR, BYLINE_REVIEW_ERROR_UNRESOLVED);
  g_assert_nonnull (strstr (error->message, "2 suggestions or comments left (lines 6, 9)"));
  g_clear_error (&error);

  /* Accepted, the article exports. */
  resolved = byline_review_resolve_all (marked, strlen (marked), TRUE);
  json = byline_record_export (resolved, strlen (resolved), NULL, BYLINE_RECORD_EXPORT_DEFAULT,
                               NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "A cat\\nsat."));
  g_clear_pointer (&json, g_free);

  json = byline_record_export (code, strlen (code), NULL, BYLINE_RECORD_EXPORT_DEFAULT,
                               NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json);
}

/* The message of the first problem with @field, which must exist. */
static const char *
problem_message (GPtrArray  *problems,
                 const char *field)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      BylineProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->field, field) == 0)
        return problem->message;
    }

  g_assert_not_reached ();
}

/* Hostile input: each gets a specific message naming the limit and the size, and nothing is
 * written. */
static void
test_export_hostile (void)
{
  g_autoptr(GString) family_title = g_string_new ("---\nsite: https://example.com\npublishedAt: 2024-01-05\ntitle: ");
  g_autofree char *dir = g_dir_make_tmp ("byline-hostile-XXXXXX", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  g_autofree char *big = g_build_filename (dir, "big.jpg", NULL);
  g_autofree char *fake = g_build_filename (dir, "fake.png", NULL);
  g_autofree guint8 *bytes = g_malloc0 (1200000);
  const char *header = "---\ntitle: T\nsite: https://example.com\npublishedAt: 2024-01-05\n";

  memcpy (bytes, "\xff\xd8\xff\xe0\x00\x10JFIF", 10);
  g_assert_true (g_file_set_contents (big, (const char *)bytes, 1200000, NULL));
  g_assert_true (g_file_set_contents (fake, "%PDF-1.4 not an image", -1, NULL));

  /* 501 graphemes, each an emoji family of five code points joined by ZWJ. */
  for (guint i = 0; i < 501; i++)
    g_string_append (family_title, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7");
  g_string_append (family_title, "\n---\nBody\n");
  {
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *json = export (family_title->str, NULL, &problems, &error);

    g_assert_null (json);
    g_assert_cmpstr (problem_message (problems, "title"), ==,
                     "The title has 501 characters; the limit is 500");
  }

  /* A 1.2 MB cover and a PDF named .png. */
  {
    g_autofree char *article = g_strconcat (header, "coverImage: big.jpg\n---\n", NULL);
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *json = export (article, base, &problems, &error);

    g_assert_null (json);
    g_assert_cmpstr (problem_message (problems, "coverImage"), ==,
                     "The cover image “big.jpg” has 1200000 bytes; the limit is 1000000");
  }
  {
    g_autofree char *article = g_strconcat (header, "coverImage: fake.png\n---\n", NULL);
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *json = export (article, base, &problems, &error);

    g_assert_null (json);
    g_assert_nonnull (strstr (problem_message (problems, "coverImage"), "is not an image (its content is application/pdf)"));
  }

  /* Bytes that are not UTF-8, in the front matter and in the body. */
  {
    g_autofree char *in_title = g_strconcat ("---\ntitle: Caf\xe9\n", header + 4, "---\nBody\n", NULL);
    g_autofree char *in_body = g_strconcat (header, "---\nna\xefve \xff\n", NULL);
    const char *articles[] = { in_title, in_body };

    for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *json = export (articles[i], NULL, NULL, &error);

        g_assert_null (json);
        g_assert_nonnull (error);
        g_assert_nonnull (strstr (error->message, "not valid UTF-8"));
      }
  }

  /* Duplicate keys and YAML syntax errors say where. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *json = export ("---\ntitle: A\nsite: https://example.com\ntitle: B\n---\n", NULL, NULL, &error);

    g_assert_null (json);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "line 4"));
    g_assert_nonnull (strstr (error->message, "duplicate key “title”"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *json = export ("---\ntitle: A\nsite: : :\n  - x\n---\n", NULL, NULL, &error);

    g_assert_null (json);
    g_assert_nonnull (error);
    g_assert_true (g_regex_match_simple ("line [0-9]+, column [0-9]+", error->message, 0, 0));
  }

  /* A 5 MB article: exported in full, then refused for its size, which the message gives
   * with the limit. */
  {
    g_autofree char *body = byline_test_long_article (5 * 1024 * 1024, TRUE);
    g_autofree char *article = NULL;
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *json = NULL;

    g_assert_cmpuint (strlen (body), >, 5000000);
    /* The article's own front matter gives way to the header's. */
    article = g_strconcat (header, "---\n", strstr (body, "\n---\n") + 5, NULL);
    json = export (article, NULL, &problems, &error);
    g_assert_null (json);
    g_assert_error (error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_INVALID);
    g_assert_true (g_regex_match_simple ("^The record has [0-9]{7,} bytes of JSON; the limit is 1000000$",
                                         problem_message (problems, "record"), 0, 0));
  }

  g_unlink (big);
  g_unlink (fake);
  g_rmdir (dir);
}

static void
test_export_graphemes (void)
{
  /* A ZWJ family and a letter with combining marks are one grapheme each. */
  g_assert_cmpuint (byline_validator_count_graphemes ("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", -1), ==, 1);
  g_assert_cmpuint (byline_validator_count_graphemes ("e\xcc\x81\xcc\xa3x", -1), ==, 2);
}

/* Contributors and self-labels in the front matter go to the record as the lexicon has them,
 * checked; an import puts a record's back in the front matter, and they come out the same. */
static void
test_export_contributors (void)
{
  static const char article[] =
    "---\ntitle: Credits\nsite: https://example.com\npublishedAt: 2024-01-05\ncontributors:\n"
    "  - did: did:plc:ann\n    role: editor\n    displayName: Ann Lee\n"
    "  - did: did:web:bo.example\n    role: \"42\"\n---\nBody\n";
  static const char bad[] =
    "---\ntitle: Credits\nsite: https://example.com\npublishedAt: 2024-01-05\ncontributors:\n"
    "  - role: editor\n---\nBody\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = export (article, NULL, NULL, &error);
  g_autofree char *imported = NULL;
  g_autofree char *again = NULL;
  g_autofree char *refused = NULL;
  g_autoptr(JsonObject) record = NULL;
  JsonArray *contributors;

  g_assert_no_error (error);
  record = parse (json);
  contributors = json_object_get_array_member (record, "contributors");
  g_assert_cmpuint (json_array_get_length (contributors), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (contributors, 0), "did"), ==, "did:plc:ann");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (contributors, 0), "displayName"), ==, "Ann Lee");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (contributors, 1), "role"), ==, "42");

  imported = byline_record_import (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (imported, "contributors:"));
  g_assert_nonnull (strstr (imported, "did:plc:ann"));
  g_assert_null (strstr (imported, "recordFields"));
  again = export (imported, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, json);

  refused = export (bad, NULL, &problems, &error);
  g_assert_null (refused);
  g_assert_error (error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_INVALID);
  g_assert_nonnull (strstr (problem_message (problems, "contributors"), "did"));
  g_clear_error (&error);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Self-labels: a list of words in the front matter, selfLabels in the record, and back. */
  {
    static const char labelled[] =
      "---\ntitle: Labels\nsite: https://example.com\npublishedAt: 2024-01-05\n"
      "labels: [graphic-media, \"spoiler: the end\"]\n---\nBody\n";
    g_autofree char *labels_json = export (labelled, NULL, NULL, &error);
    g_autofree char *labels_article = NULL;
    g_autofree char *labels_again = NULL;
    g_autoptr(JsonObject) labels_record = NULL;
    JsonObject *labels;

    g_assert_no_error (error);
    labels_record = parse (labels_json);
    labels = json_object_get_object_member (labels_record, "labels");
    g_assert_cmpstr (json_object_get_string_member (labels, "$type"), ==, "com.atproto.label.defs#selfLabels");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (labels, "values"), 1), "val"), ==, "spoiler: the end");

    labels_article = byline_record_import (labels_json, strlen (labels_json), &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (labels_article, "labels: [graphic-media, 'spoiler: the end']"));
    labels_again = export (labels_article, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (labels_again, ==, labels_json);

    g_clear_pointer (&labels_json, g_free);
    labels_json = export ("---\ntitle: L\nsite: https://example.com\npublishedAt: 2024-01-05\n"
                          "labels: nudity\n---\nBody\n", NULL, &problems, &error);
    g_assert_null (labels_json);
    g_assert_nonnull (problem_message (problems, "labels"));
  }
}

/* Every exported record passes the reference validator, @atproto/lexicon. */
static void
test_export_lexicon (void)
{
  const char *modules = g_getenv ("BYLINE_NODE_MODULES");
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  const char * const articles[] = {
    "---\ntitle: Why Beijing Is Betting Big on AI\nsite: https://example.com\n"
    "date: 2024-01-05\ntags: [ai, china]\ndescription: A test\n---\n\n# Heading\n\nText.\n",
    "---\ntitle: Ça été\nsite: at://did:plc:abc/site.standard.publication/x\n"
    "publishedAt: 2024-01-05T10:00:00+02:00\nupdatedAt: 2024-02-01\ncoverImage: cover.png\n---\nBody\n",
    "---\ntitle: Credits\nsite: https://example.com\npublishedAt: 2024-01-05\ncontributors:\n"
    "  - did: did:plc:ann\n    role: editor\n    displayName: Ann Lee\n  - did: did:web:bo.example\n"
    "labels: [graphic-media, \"spoiler: the end\"]\n---\nBody\n",
  };
  g_autofree char *dir = g_dir_make_tmp ("byline-lexicon-XXXXXX", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  g_autofree char *cover = g_build_filename (dir, "cover.png", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (modules == NULL || srcdir == NULL)
    {
      g_test_skip ("BYLINE_NODE_MODULES is not set (run through build-aux/dev test)");
      return;
    }

  g_assert_true (g_file_set_contents (cover, "\x89PNG\r\n\x1a\n0000IHDR", 16, NULL));

  g_ptr_array_add (argv, g_strdup ("node"));
  g_ptr_array_add (argv, g_build_filename (srcdir, "tools", "validate-record.mjs", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      g_autofree char *json = export (articles[i], base, NULL, &error);
      char *path = g_strdup_printf ("%s/record-%u.json", dir, i);

      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (path, json, -1, NULL));
      g_ptr_array_add (argv, path);
    }
  /* Records re-exported from imports: the example record, and one without content. */
  {
    const char *bare = "{\"$type\":\"site.standard.document\",\"site\":\"https://example.com\","
                       "\"title\":\"T\",\"publishedAt\":\"2024-01-05T00:00:00.000Z\","
                       "\"textContent\":\"Plain body\"}";
    g_autofree char *example_path = g_build_filename (srcdir, "data", "records",
                                                      "harbour-wall.record.json", NULL);
    g_autofree char *example = NULL;
    gsize example_length = 0;
    const char *records[] = { NULL, bare };

    g_assert_true (g_file_get_contents (example_path, &example, &example_length, NULL));
    records[0] = example;

    for (guint i = 0; i < G_N_ELEMENTS (records); i++)
      {
        g_autofree char *article = NULL;
        g_autofree char *json = NULL;

        if (records[i] == NULL)
          continue;
        article = byline_record_import (records[i], strlen (records[i]), &error);
        g_assert_no_error (error);
        json = export (article, NULL, NULL, &error);
        g_assert_no_error (error);
        g_ptr_array_add (argv, g_strdup_printf ("%s/reexport-%u.json", dir, i));
        g_assert_true (g_file_set_contents (g_ptr_array_index (argv, argv->len - 1), json, -1, NULL));
      }
  }
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s", out);
  g_assert_null (strstr (out, "INVALID"));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  for (guint i = 2; i < argv->len - 1; i++)
    g_unlink (g_ptr_array_index (argv, i));
  g_unlink (cover);
  g_rmdir (dir);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* A Leaflet publication, by its address on leaflet.pub or by Leaflet's own settings in its
 * record, and publications that only look like one. */
static void
test_leaflet_publication (void)
{
  static const struct
  {
    const char *record;
    gboolean    leaflet;
  } cases[] = {
    { "{\"name\": \"Harbour\", \"url\": \"https://harbour.leaflet.pub\"}", TRUE },
    { "{\"name\": \"Harbour\", \"url\": \"https://Harbour.Leaflet.PUB./\"}", TRUE },
    { "{\"name\": \"Leaflet\", \"url\": \"https://leaflet.pub\"}", TRUE },
    { "{\"name\": \"Own domain\", \"url\": \"https://harbour.example\","
      " \"preferences\": {\"$type\": \"pub.leaflet.publication#preferences\", \"showComments\": true}}", TRUE },
    { "{\"name\": \"Own domain\", \"url\": \"https://harbour.example\","
      " \"basicTheme\": {\"$type\": \"site.standard.theme.basic\","
      " \"background\": {\"$type\": \"pub.leaflet.theme.color#rgb\", \"r\": 1, \"g\": 2, \"b\": 3}}}", TRUE },
    { "{\"name\": \"Harbour\", \"url\": \"https://harbour.example\"}", FALSE },
    { "{\"name\": \"Look-alike\", \"url\": \"https://notleaflet.pub\"}", FALSE },
    { "{\"name\": \"Look-alike\", \"url\": \"https://leaflet.pub.example.com\"}", FALSE },
    { "{\"name\": \"In the path\", \"url\": \"https://example.com/leaflet.pub\"}", FALSE },
    { "{\"name\": \"Named so\", \"description\": \"pub.leaflet.content\", \"url\": \"https://example.com\"}", FALSE },
    { "{\"name\": \"No address\"}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) record = parse_object (cases[i].record);

      g_test_message ("%s", cases[i].record);
      g_assert_cmpint (byline_publication_is_leaflet (record), ==, cases[i].leaflet);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record/export/basic", test_export_basic);
  g_test_add_func ("/record/export/offset-no-content", test_export_offset_and_no_content);
  g_test_add_func ("/record/export/invalid", test_export_invalid);
  g_test_add_func ("/record/export/graphemes", test_export_graphemes);
  g_test_add_func ("/record/export/review-marks", test_export_review_marks);
  g_test_add_func ("/record/export/contributors-and-labels", test_export_contributors);
  g_test_add_func ("/record/export/hostile", test_export_hostile);
  g_test_add_func ("/record/export/lexicon", test_export_lexicon);
  g_test_add_func ("/record/export/leaflet-publication", test_leaflet_publication);

  return g_test_run ();
}
