/* byline-cli-library.c
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

#define G_LOG_DOMAIN "byline-cli-library"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "byline-cli-library.h"
#include "byline-cli-sign-in.h"
#include "byline-front-matter.h"
#include "byline-json.h"
#include "byline-library.h"
#include "byline-publisher.h"
#include "byline-xrpc-client.h"

/* The writer's library on the command line: list the account's documents, pull one into an
 * article folder, compare an article with its published record. Exit 0 on success, 1 on
 * failure (for --diff: when something differs), 2 when it cannot run (no credentials, an
 * article not linked to a record, --diff failing). */

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

#define MISSING_ACCOUNT _("Sign in with --sign-in HANDLE, or set BYLINE_IDENTIFIER and " \
                         "BYLINE_APP_PASSWORD, to read your library")

static JsonObject *
record_value (JsonObject *item)
{
  JsonNode *value = json_object_get_member (item, "value");

  return value != NULL && JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
}

static const char *
content_type (JsonObject *value)
{
  JsonNode *content = json_object_get_member (value, "content");

  if (content == NULL || !JSON_NODE_HOLDS_OBJECT (content))
    return NULL;

  return byline_json_object_get_string (json_node_get_object (content), "$type");
}

/**
 * byline_cli_list:
 * @json: print a JSON array instead of lines
 *
 * `byline --list [--json]`: every `site.standard.document` record of the account, one a
 * line: AT URI, title and date, separated by tabs.
 *
 * Returns: 0 when listed, 1 on failure, 2 when credentials are missing
 */
int
byline_cli_list (gboolean json)
{
  g_auto(BylineCliClient) client = { NULL, };
  g_autoptr(BylineLibrary) library = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) records = NULL;
  g_autoptr(JsonArray) listed = json_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = byline_cli_open_client (NULL, MISSING_ACCOUNT, &client)) != 0)
    return status;

  library = byline_library_new (client.client);
  byline_library_list_async (library, BYLINE_DOCUMENT_COLLECTION, NULL, store_result_cb, &result);
  records = byline_library_list_finish (library, wait_for (&result), &error);
  if (records == NULL)
    {
      g_printerr (_("Could not list the documents: %s\n"), error->message);
      return 1;
    }

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *item = json_array_get_object_element (records, i);
      JsonObject *value = record_value (item);
      const char *uri = byline_json_object_get_string (item, "uri");
      const char *title = value ? byline_json_object_get_string (value, "title") : NULL;
      const char *date = value ? byline_json_object_get_string (value, "publishedAt") : NULL;

      if (uri == NULL || value == NULL)
        continue;

      if (json)
        {
          JsonObject *entry = json_object_new ();
          static const char * const members[] = { "title", "publishedAt", "updatedAt", "site", "path" };

          json_object_set_string_member (entry, "uri", uri);
          json_object_set_string_member (entry, "cid", byline_json_object_get_string (item, "cid"));
          for (guint m = 0; m < G_N_ELEMENTS (members); m++)
            if (byline_json_object_get_string (value, members[m]) != NULL)
              json_object_set_string_member (entry, members[m],
                                             byline_json_object_get_string (value, members[m]));
          if (content_type (value) != NULL)
            json_object_set_string_member (entry, "contentType", content_type (value));
          json_array_add_object_element (listed, entry);
          continue;
        }

      /* Tabs and line breaks in a title would break the columns. */
      {
        g_autofree char *shown = g_strdup (title ? title : "");

        g_strdelimit (shown, "\t\r\n", ' ');
        g_print ("%s\t%s\t%s\n", uri, shown, date ? date : "");
      }
    }

  if (json)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), listed);
      g_autofree char *text = byline_json_to_string (node, TRUE, NULL);

      g_print ("%s\n", text);
    }

  return 0;
}

/**
 * byline_cli_pull:
 * @uri: the AT URI of a `site.standard.document` record
 * @output_path: (nullable): the article's folder; by default a folder named after the
 *   article in the current one
 *
 * `byline --pull AT-URI [--output DIR]`: makes an article of a published document, with its
 * cover and images, linked to the record; prints the article's path.
 *
 * Returns: 0 when pulled, 1 on failure, 2 when @uri is no document's
 */
int
byline_cli_pull (const char *uri,
                 const char *output_path)
{
  g_auto(BylineCliClient) client = { NULL, };
  g_autoptr(BylineLibrary) library = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *repo = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *rkey = NULL;
  g_autofree char *shown = NULL;
  int status;

  if (!byline_xrpc_parse_at_uri (uri, &repo, &collection, &rkey) ||
      g_strcmp0 (collection, BYLINE_DOCUMENT_COLLECTION) != 0)
    {
      g_printerr (_("%s is not the AT URI of a site.standard.document record\n"), uri);
      return 2;
    }

  if ((status = byline_cli_open_client (repo, MISSING_ACCOUNT, &client)) != 0)
    return status;
  library = byline_library_new (client.client);

  if (output_path != NULL)
    folder = g_file_new_for_commandline_arg (output_path);
  else
    {
      /* The folder is named as the article will be. */
      g_autoptr(GAsyncResult) fetched = NULL;
      g_autoptr(JsonObject) answer = NULL;
      g_autofree char *name = NULL;

      byline_library_fetch_async (library, uri, NULL, store_result_cb, &fetched);
      answer = byline_library_fetch_finish (library, wait_for (&fetched), &error);
      if (answer == NULL)
        {
          g_printerr (_("Could not read %s: %s\n"), uri, error->message);
          return 1;
        }
      name = byline_library_article_name (record_value (answer), rkey);
      name[strlen (name) - 3] = '\0';
      folder = g_file_new_for_commandline_arg (name);
    }

  byline_library_pull_async (library, uri, folder, NULL, store_result_cb, &result);
  article = byline_library_pull_finish (library, wait_for (&result), &error);
  if (article == NULL)
    {
      g_printerr (_("Could not pull %s: %s\n"), uri, error->message);
      return 1;
    }

  shown = g_file_get_parse_name (article);
  g_print ("%s\n", shown);

  return 0;
}

/**
 * byline_cli_diff:
 * @article_path: an article linked to a published record
 *
 * `byline --diff ARTICLE`: the article against its published record, as a unified diff,
 * fields first, then the body word by word. A record changed on the PDS since the article
 * last published or pulled it is said first.
 *
 * Returns: 0 when nothing differs, 1 when something does, 2 on error
 */
int
byline_cli_diff (const char *article_path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (article_path);
  g_autoptr(GFile) base_dir = g_file_get_parent (file);
  g_autoptr(BylineMetadata) metadata = NULL;
  g_auto(BylineCliClient) client = { NULL, };
  g_autoptr(BylineLibrary) library = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *repo = NULL;
  g_autofree char *diff = NULL;
  const char *uri, *cid, *published_cid;
  gboolean changed_there;
  gsize length = 0, offset = 0;

  if (!g_file_load_contents (file, NULL, &text, &length, NULL, &error) ||
      !(metadata = byline_front_matter_parse (text, length, &offset, &error)))
    {
      g_printerr ("%s: %s\n", article_path, error->message);
      return 2;
    }

  uri = byline_metadata_get_record_uri (metadata);
  cid = byline_metadata_get_record_cid (metadata);
  if (uri == NULL || !byline_xrpc_parse_at_uri (uri, &repo, NULL, NULL))
    {
      g_printerr (_("%s: the article is not published: it names no record\n"), article_path);
      return 2;
    }

  if (byline_cli_open_client (repo, MISSING_ACCOUNT, &client) != 0)
    return 2;
  library = byline_library_new (client.client);
  byline_library_fetch_async (library, uri, NULL, store_result_cb, &result);
  answer = byline_library_fetch_finish (library, wait_for (&result), &error);
  if (answer == NULL)
    {
      g_printerr (_("Could not read %s: %s\n"), uri, error->message);
      return 2;
    }

  diff = byline_library_diff_article (text, length, base_dir, answer, article_path, &error);
  if (diff == NULL)
    {
      g_printerr ("%s: %s\n", article_path, error->message);
      return 2;
    }

  published_cid = byline_json_object_get_string (answer, "cid");
  changed_there = g_strcmp0 (cid, published_cid) != 0;
  if (changed_there)
    /* Translators: a comment line of the diff; the CIDs of the two versions */
    g_print (_("# The record changed on the PDS since this article last published or pulled it "
               "(%s, now %s): publishing will not replace it.\n"), cid ? cid : "-", published_cid);
  fputs (diff, stdout);
  fflush (stdout);

  return *diff != '\0' || changed_there ? 1 : 0;
}
