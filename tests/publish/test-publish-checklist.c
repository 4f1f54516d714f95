/* test-publish-checklist.c
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

/* The checklist's lookups against the reference PDS: the account's documents, every page of
 * them, written with plain XRPC calls as another app would, and the checklist's comparison of
 * the article with them. */

#include "config.h"

#include <string.h>

#include "byline-checklist.h"
#include "byline-publisher.h"
#include "byline-tid.h"
#include "pds-fixture.h"

#define SITE "https://harbour.example"
#define N_DOCUMENTS 105

static char *
document_uri (const char *rkey)
{
  return g_strdup_printf ("at://%s/site.standard.document/%s", did, rkey);
}

/* One applyWrites call: more documents than a page of listRecords holds. */
static void
write_documents (char **same_path_rkey)
{
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *writes = json_array_new ();

  for (guint i = 0; i < N_DOCUMENTS; i++)
    {
      JsonObject *write = json_object_new ();
      JsonObject *value = json_object_new ();
      g_autofree char *rkey = byline_tid_next ();
      g_autofree char *title = g_strdup_printf ("Note %u", i);
      g_autofree char *path = g_strdup_printf ("/notes/%u", i);

      json_object_set_string_member (value, "$type", "site.standard.document");
      json_object_set_string_member (value, "site", SITE);
      json_object_set_string_member (value, "title", title);
      /* The last one has the path the article will have, with a trailing slash. */
      json_object_set_string_member (value, "path",
                                     i == N_DOCUMENTS - 1 ? "/harbour-at-dawn/" : path);
      json_object_set_string_member (value, "publishedAt", "2026-03-05T20:30:00.000Z");
      json_object_set_string_member (write, "$type", "com.atproto.repo.applyWrites#create");
      json_object_set_string_member (write, "collection", "site.standard.document");
      json_object_set_string_member (write, "rkey", rkey);
      json_object_set_object_member (write, "value", value);
      json_array_add_object_element (writes, write);
      if (i == N_DOCUMENTS - 1)
        *same_path_rkey = g_strdup (rkey);
    }
  json_object_set_string_member (input, "repo", did);
  json_object_set_array_member (input, "writes", writes);
  answer = pds_call ("POST", "com.atproto.repo.applyWrites", NULL, input, &error);
  g_assert_no_error (error);
}

static void
test_same_path (void)
{
  g_autoptr(BylinePublisher) publisher = byline_publisher_new (client);
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(JsonArray) records = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (
    (GDestroyNotify)byline_check_item_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *rkey = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *article = "---\ntitle: Harbour at Dawn\nsite: " SITE "\n---\nThe quay.\n";
  const BylineCheckItem *item;

  write_documents (&rkey);
  uri = document_uri (rkey);

  byline_publisher_list_records_async (publisher, "site.standard.document", NULL,
                                       pds_store_result_cb, &listed);
  records = byline_publisher_list_records_finish (publisher, pds_wait_for (&listed), &error);
  g_assert_no_error (error);

  /* Every page, each record once, as {uri, cid, value}. */
  g_assert_cmpuint (json_array_get_length (records), ==, N_DOCUMENTS);
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      g_assert_nonnull (json_object_get_string_member (record, "cid"));
      g_assert_true (json_object_has_member (json_object_get_object_member (record, "value"),
                                             "title"));
      g_assert_true (g_hash_table_add (seen,
                                       g_strdup (json_object_get_string_member (record, "uri"))));
    }

  byline_checklist_add_same_path (items, article, strlen (article), NULL, records);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpint (item->kind, ==, BYLINE_CHECK_SAME_PATH);
  g_assert_cmpstr (item->target, ==, uri);
  g_assert_nonnull (strstr (item->message, "Note 104"));

  /* Published as that very record, the article is not its own duplicate. */
  g_ptr_array_set_size (items, 0);
  byline_checklist_add_same_path (items, article, strlen (article), uri, records);
  g_assert_cmpuint (items->len, ==, 0);
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
      g_printerr ("usage: test-publish-checklist SETUP-SCRIPT\n");
      return 2;
    }
  setup_script = argv[1];
  work_dir = g_dir_make_tmp ("byline-publish-checklist-XXXXXX", &error);
  g_assert_no_error (error);

  pds_start ();
  pds_create_account ();

  g_test_add_func ("/Byline/PublishChecklist/same-path", test_same_path);
  status = g_test_run ();

  pds_stop ();
  g_clear_object (&client);
  pds_remove_tree (work_dir);

  return status;
}
