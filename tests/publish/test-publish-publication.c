/* test-publish-publication.c
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

/* Publications against the reference PDS: created with an icon and a theme, listed, edited in
 * place with swapRecord, refused when changed elsewhere since, and each version read back
 * with a plain getRecord and checked with the reference lexicon validator. */

#include "config.h"

#include <string.h>

#include "byline-json.h"
#include "byline-publication.h"
#include "byline-publisher.h"
#include "byline-record.h"
#include "pds-fixture.h"

/* A 1×1 PNG; the PDS sniffs the type of what it stores. */
static const guint8 png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
  0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static JsonObject *
get_record (const char *uri)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *repo = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *rkey = NULL;
  JsonObject *answer;

  g_assert_true (byline_xrpc_parse_at_uri (uri, &repo, &collection, &rkey));
  byline_xrpc_client_get_record_async (client, repo, collection, rkey, NULL, pds_store_result_cb,
                                       &result);
  answer = byline_xrpc_client_call_finish (client, pds_wait_for (&result), &error);
  g_assert_no_error (error);

  return answer;
}

/* The reference validator, when the test tools are installed (build-aux/dev test). */
static void
assert_lexicon_valid (JsonObject *value)
{
  const char *modules = g_getenv ("BYLINE_NODE_MODULES");
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *path = g_build_filename (work_dir, "publication.json", NULL);
  g_autofree char *tool = NULL;
  g_autofree char *json = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  int status;

  if (modules == NULL || srcdir == NULL)
    {
      g_test_message ("BYLINE_NODE_MODULES is not set: the lexicon check is left out");
      return;
    }

  json_node_set_object (node, value);
  json = byline_json_to_string (node, TRUE, NULL);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  tool = g_build_filename (srcdir, "tools", "validate-record.mjs", NULL);
  g_spawn_sync (NULL, (char *[]) { (char *)"node", tool, (char *)"--nsid",
                                   (char *)"site.standard.publication", path, NULL },
                NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, ": lexicon: valid"));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static char *
save (BylinePublisher   *publisher,
      BylinePublication *publication,
      const char        *uri,
      const char        *swap,
      GFile             *icon,
      char             **cid,
      GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_publisher_save_publication_async (publisher, publication, uri, swap, icon, NULL,
                                           pds_store_result_cb, &result);
  return byline_publisher_save_publication_finish (publisher, pds_wait_for (&result), cid, error);
}

static void
test_create_edit (void)
{
  g_autoptr(BylinePublisher) publisher = byline_publisher_new (client);
  g_autoptr(BylinePublication) publication = byline_publication_new ();
  g_autoptr(BylinePublication) read_back = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(JsonObject) edited = NULL;
  g_autoptr(JsonArray) listed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *icon_path = g_build_filename (work_dir, "icon.png", NULL);
  g_autoptr(GFile) icon = g_file_new_for_path (icon_path);
  g_autofree char *uri = NULL;
  g_autofree char *again = NULL;
  g_autofree char *cid = NULL;
  g_autofree char *cid2 = NULL;
  g_autofree char *failed = NULL;
  JsonObject *value;
  gboolean found = FALSE;

  g_assert_true (g_file_set_contents (icon_path, (const char *)png, sizeof png, NULL));

  /* Created, with an icon uploaded as a blob, a theme and discovery off. */
  publication->name = g_strdup ("Harbour Notes");
  publication->url = g_strdup ("https://harbour.example/");
  publication->description = g_strdup ("Walks by the sea");
  publication->has_theme = TRUE;
  publication->theme[BYLINE_THEME_ACCENT] = (BylineRgb) { 200, 0, 90 };
  publication->show_in_discover = FALSE;
  uri = save (publisher, publication, NULL, NULL, icon, &cid, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (uri, "at://"));
  g_assert_nonnull (strstr (uri, "/site.standard.publication/"));

  stored = get_record (uri);
  g_assert_cmpstr (json_object_get_string_member (stored, "cid"), ==, cid);
  value = json_object_get_object_member (stored, "value");
  assert_lexicon_valid (value);
  read_back = byline_publication_from_record (value);
  g_assert_cmpstr (read_back->name, ==, "Harbour Notes");
  g_assert_cmpstr (read_back->url, ==, "https://harbour.example");
  g_assert_nonnull (read_back->icon);
  g_assert_cmpstr (json_object_get_string_member (read_back->icon, "mimeType"), ==, "image/png");
  g_assert_cmpint (json_object_get_int_member (read_back->icon, "size"), ==, sizeof png);
  g_assert_true (read_back->has_theme);
  g_assert_cmpuint (read_back->theme[BYLINE_THEME_ACCENT].r, ==, 200);
  g_assert_false (read_back->show_in_discover);

  /* Listed with its version. */
  byline_publisher_list_records_async (publisher, BYLINE_PUBLICATION_COLLECTION, NULL,
                                       pds_store_result_cb, &result);
  listed = byline_publisher_list_records_finish (publisher, pds_wait_for (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (listed); i++)
    {
      JsonObject *entry = json_array_get_object_element (listed, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "uri"), uri) == 0)
        found = g_strcmp0 (json_object_get_string_member (entry, "cid"), cid) == 0;
    }
  g_assert_true (found);

  /* Edited in place: same record key, the icon kept, the version replaced. */
  g_free (read_back->name);
  read_back->name = g_strdup ("Harbour Notes, Weekly");
  read_back->show_in_discover = TRUE;
  again = save (publisher, read_back, uri, cid, NULL, &cid2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, uri);
  g_assert_cmpstr (cid2, !=, cid);
  edited = get_record (uri);
  value = json_object_get_object_member (edited, "value");
  assert_lexicon_valid (value);
  g_assert_cmpstr (json_object_get_string_member (value, "name"), ==, "Harbour Notes, Weekly");
  g_assert_true (json_object_get_boolean_member (
    json_object_get_object_member (value, "preferences"), "showInDiscover"));
  g_assert_true (json_node_equal (json_object_get_member (value, "icon"),
                                  json_object_get_member (
                                    json_object_get_object_member (stored, "value"), "icon")));

  /* Saved against the old version: changed elsewhere since, nothing is written. */
  g_free (read_back->name);
  read_back->name = g_strdup ("Overwritten");
  failed = save (publisher, read_back, uri, cid, NULL, NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_SWAP);
  g_clear_error (&error);
  g_clear_pointer (&edited, json_object_unref);
  edited = get_record (uri);
  g_assert_cmpstr (json_object_get_string_member (edited, "cid"), ==, cid2);

  /* Beyond the lexicon's limits, nothing is sent. */
  g_free (read_back->url);
  read_back->url = g_strdup ("ftp://harbour.example");
  failed = save (publisher, read_back, uri, cid2, NULL, NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: test-publish-publication SETUP-SCRIPT\n");
      return 2;
    }
  setup_script = argv[1];
  work_dir = g_dir_make_tmp ("byline-publish-publication-XXXXXX", &error);
  g_assert_no_error (error);

  pds_start ();
  pds_create_account ();

  g_test_add_func ("/Byline/PublishPublication/create-edit", test_create_edit);
  status = g_test_run ();

  pds_stop ();
  g_clear_object (&client);
  pds_remove_tree (work_dir);

  return status;
}
