/* test-publication.c
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

#include "byline-json.h"
#include "byline-publication.h"
#include "byline-validator.h"

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return byline_json_to_string (node, FALSE, NULL);
}

static GPtrArray *
new_problems (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)byline_problem_free);
}

static void
test_round_trip (void)
{
  g_autoptr(JsonObject) record = parse (
    "{\"$type\":\"site.standard.publication\",\"name\":\"Harbour Notes\","
    "\"url\":\"https://harbour.example\",\"description\":\"Walks by the sea\","
    "\"icon\":{\"$type\":\"blob\",\"ref\":{\"$link\":\"bafkreiabc\"},\"mimeType\":\"image/png\","
    "\"size\":68},"
    "\"basicTheme\":{\"$type\":\"site.standard.theme.basic\","
    "\"background\":{\"$type\":\"site.standard.theme.color#rgb\",\"r\":250,\"g\":249,\"b\":248},"
    "\"foreground\":{\"$type\":\"site.standard.theme.color#rgb\",\"r\":1,\"g\":2,\"b\":3},"
    "\"accent\":{\"$type\":\"site.standard.theme.color#rgb\",\"r\":200,\"g\":0,\"b\":90},"
    "\"accentForeground\":{\"$type\":\"site.standard.theme.color#rgb\",\"r\":255,\"g\":255,"
    "\"b\":255}},"
    "\"preferences\":{\"showInDiscover\":false,\"otherApp\":7},"
    "\"labels\":{\"$type\":\"com.atproto.label.defs#selfLabels\",\"values\":[]}}");
  g_autoptr(BylinePublication) publication = byline_publication_from_record (record);
  g_autoptr(JsonObject) written = NULL;
  JsonObject *preferences;

  g_assert_cmpstr (publication->name, ==, "Harbour Notes");
  g_assert_cmpstr (publication->url, ==, "https://harbour.example");
  g_assert_cmpstr (publication->description, ==, "Walks by the sea");
  g_assert_nonnull (publication->icon);
  g_assert_true (publication->has_theme);
  g_assert_cmpuint (publication->theme[BYLINE_THEME_BACKGROUND].r, ==, 250);
  g_assert_cmpuint (publication->theme[BYLINE_THEME_FOREGROUND].b, ==, 3);
  g_assert_cmpuint (publication->theme[BYLINE_THEME_ACCENT].b, ==, 90);
  g_assert_cmpuint (publication->theme[BYLINE_THEME_ACCENT_FOREGROUND].g, ==, 255);
  g_assert_false (publication->show_in_discover);

  /* Unchanged, the record comes back as it was, other members included. */
  written = byline_publication_to_record (publication);
  g_assert_true (json_object_equal (written, record));

  /* Edited: the preferences keep their other members. */
  publication->show_in_discover = TRUE;
  publication->has_theme = FALSE;
  g_clear_pointer (&written, json_object_unref);
  written = byline_publication_to_record (publication);
  preferences = json_object_get_object_member (written, "preferences");
  g_assert_true (json_object_get_boolean_member (preferences, "showInDiscover"));
  g_assert_cmpint (json_object_get_int_member (preferences, "otherApp"), ==, 7);
  g_assert_false (json_object_has_member (written, "basicTheme"));
  g_assert_true (json_object_has_member (written, "labels"));
}

static void
test_new (void)
{
  g_autoptr(BylinePublication) publication = byline_publication_new ();
  g_autoptr(JsonObject) written = NULL;
  g_autofree char *json = NULL;

  /* A new publication: shown in discovery feeds, no theme, the address without its slash. */
  publication->name = g_strdup ("Harbour Notes");
  publication->url = g_strdup (" https://harbour.example/ ");
  written = byline_publication_to_record (publication);
  json = to_json (written);
  g_assert_cmpstr (json, ==,
                   "{\"$type\":\"site.standard.publication\",\"name\":\"Harbour Notes\","
                   "\"url\":\"https://harbour.example\","
                   "\"preferences\":{\"showInDiscover\":true}}");
}

static void
test_limits (void)
{
  g_autoptr(BylinePublication) publication = byline_publication_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GString) long_text = g_string_new (NULL);
  const BylineProblem *problem;

  publication->name = g_strdup ("  ");
  publication->url = g_strdup ("http://harbour.example");
  g_assert_false (byline_publication_check (publication, problems));
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (((BylineProblem *)g_ptr_array_index (problems, 0))->field, ==, "name");
  g_assert_cmpstr (((BylineProblem *)g_ptr_array_index (problems, 1))->field, ==, "url");

  /* 500 characters is the limit, counted as a reader sees them. */
  for (guint i = 0; i < 500; i++)
    g_string_append (long_text, "é");
  g_free (publication->name);
  publication->name = g_strdup (long_text->str);
  g_free (publication->url);
  publication->url = g_strdup ("https://harbour.example/");
  g_ptr_array_set_size (problems, 0);
  g_assert_true (byline_publication_check (publication, problems));

  g_string_append (long_text, "e");
  g_free (publication->name);
  publication->name = g_strdup (long_text->str);
  g_assert_false (byline_publication_check (publication, problems));
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->field, ==, "name");
  g_assert_nonnull (strstr (problem->message, "501"));

  /* The description: 3000 characters. */
  g_free (publication->name);
  publication->name = g_strdup ("Harbour Notes");
  g_string_set_size (long_text, 0);
  for (guint i = 0; i < 3001; i++)
    g_string_append_c (long_text, 'x');
  publication->description = g_strdup (long_text->str);
  g_ptr_array_set_size (problems, 0);
  g_assert_false (byline_publication_check (publication, problems));
  g_assert_cmpstr (((BylineProblem *)g_ptr_array_index (problems, 0))->field, ==, "description");

  /* No host. */
  g_clear_pointer (&publication->description, g_free);
  g_free (publication->url);
  publication->url = g_strdup ("https://");
  g_ptr_array_set_size (problems, 0);
  g_assert_false (byline_publication_check (publication, problems));
}

static void
test_icon (void)
{
  static const guint8 png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00,
  };
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GBytes) image = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) text = g_bytes_new_static ("hello", 5);
  g_autofree guint8 *big = g_malloc0 (1000001);
  g_autoptr(GBytes) large = NULL;
  g_autofree char *type = NULL;

  memcpy (big, png, sizeof png);
  large = g_bytes_new_take (g_steal_pointer (&big), 1000001);

  type = byline_publication_check_icon (problems, "icon.png", image);
  g_assert_cmpstr (type, ==, "image/png");
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_null (byline_publication_check_icon (problems, "notes.txt", text));
  g_assert_null (byline_publication_check_icon (problems, "huge.png", large));
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (strstr (((BylineProblem *)g_ptr_array_index (problems, 1))->message,
                            "1000001"));
}

static void
test_verification_texts (void)
{
  g_autofree char *body = byline_publication_well_known_body (
    "at://did:plc:abc/site.standard.publication/3lpub");
  g_autofree char *tag = byline_publication_link_tag (
    "at://did:plc:abc/site.standard.document/3ldoc");
  g_autofree char *url1 = byline_publication_document_url ("https://harbour.example/",
                                                           "/notes/quay/");
  g_autofree char *url2 = byline_publication_document_url ("https://harbour.example", "quay");
  g_autofree char *url3 = byline_publication_document_url ("https://harbour.example", NULL);

  g_assert_cmpstr (body, ==, "at://did:plc:abc/site.standard.publication/3lpub");
  g_assert_cmpstr (tag, ==, "<link rel=\"site.standard.document\" "
                            "href=\"at://did:plc:abc/site.standard.document/3ldoc\">");
  g_assert_cmpstr (url1, ==, "https://harbour.example/notes/quay/");
  g_assert_cmpstr (url2, ==, "https://harbour.example/quay");
  g_assert_cmpstr (url3, ==, "https://harbour.example/");
}

/* Records Byline writes pass the reference validator against the official lexicon. */
static void
test_lexicon (void)
{
  const char *modules = g_getenv ("BYLINE_NODE_MODULES");
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *dir = g_dir_make_tmp ("byline-publication-XXXXXX", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (modules == NULL || srcdir == NULL)
    {
      g_test_skip ("BYLINE_NODE_MODULES is not set (run through build-aux/dev test)");
      return;
    }

  g_ptr_array_add (argv, g_strdup ("node"));
  g_ptr_array_add (argv, g_build_filename (srcdir, "tools", "validate-record.mjs", NULL));
  g_ptr_array_add (argv, g_strdup ("--nsid"));
  g_ptr_array_add (argv, g_strdup ("site.standard.publication"));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(BylinePublication) publication = byline_publication_new ();
      g_autoptr(JsonObject) record = NULL;
      g_autofree char *json = NULL;
      char *path = g_strdup_printf ("%s/publication-%u.json", dir, i);

      publication->name = g_strdup ("Harbour Notes");
      publication->url = g_strdup ("https://harbour.example/");
      if (i > 0)
        {
          publication->description = g_strdup ("Walks by the sea");
          publication->has_theme = TRUE;
          publication->theme[BYLINE_THEME_ACCENT] = (BylineRgb) { 0, 128, 255 };
          publication->show_in_discover = FALSE;
        }
      if (i > 1)
        publication->icon = parse ("{\"$type\":\"blob\",\"ref\":{\"$link\":\"bafkreibme22gw2h7"
                                   "y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy\"},"
                                   "\"mimeType\":\"image/png\",\"size\":68}");
      record = byline_publication_to_record (publication);
      json = to_json (record);
      g_assert_true (g_file_set_contents (path, json, -1, NULL));
      g_ptr_array_add (argv, path);
    }
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s", out);
  g_assert_null (strstr (out, "INVALID"));
  g_assert_nonnull (strstr (out, "publication-2.json: lexicon: valid"));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publication/round-trip", test_round_trip);
  g_test_add_func ("/publication/new", test_new);
  g_test_add_func ("/publication/limits", test_limits);
  g_test_add_func ("/publication/icon", test_icon);
  g_test_add_func ("/publication/verification-texts", test_verification_texts);
  g_test_add_func ("/publication/lexicon", test_lexicon);

  return g_test_run ();
}
