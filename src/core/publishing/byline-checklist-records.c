/* byline-checklist-records.c
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


#define G_LOG_DOMAIN "byline-checklist"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-checklist.h"
#include "byline-front-matter.h"
#include "byline-json.h"
#include "byline-record.h"
#include "byline-record-diff.h"
#include "byline-validator.h"

/*
 * The checklist items that need the account's published documents (listRecords of
 * site.standard.document, `{uri, cid, value}` each): another document of the publication
 * with the same path, and other articles of the publication with changes not published.
 */

/* The record an article would publish; NULL if its front matter does not parse. */
static JsonObject *
build_record (const char      *text,
              gsize            length,
              GFile           *base_dir,
              BylineMetadata **metadata_out)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (
    (GDestroyNotify)byline_problem_free);
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(JsonNode) record = NULL;
  gsize body = 0;

  if (text == NULL || !g_utf8_validate_len (text, length, NULL) ||
      !(metadata = byline_front_matter_parse (text, length, &body, NULL)))
    return NULL;

  record = byline_record_build (metadata, text + body, length - body, base_dir,
                                BYLINE_RECORD_EXPORT_DEFAULT, problems);
  if (metadata_out != NULL)
    *metadata_out = g_steal_pointer (&metadata);

  return json_object_ref (json_node_get_object (record));
}

/* Paths compare without their slashes at either end: "/notes/a/" is "notes/a". */
static char *
normalize_path (const char *path)
{
  gsize start = 0, end;

  if (path == NULL)
    return NULL;
  end = strlen (path);
  while (start < end && path[start] == '/')
    start++;
  while (end > start && path[end - 1] == '/')
    end--;

  return g_strndup (path + start, end - start);
}

static JsonObject *
record_value (JsonArray *records,
              guint      i,
              const char **uri)
{
  JsonObject *entry = json_array_get_object_element (records, i);

  if (entry == NULL || !json_object_has_member (entry, "value") ||
      json_node_get_node_type (json_object_get_member (entry, "value")) != JSON_NODE_OBJECT)
    return NULL;
  *uri = byline_json_object_get_string (entry, "uri");

  return json_object_get_object_member (entry, "value");
}

/**
 * byline_checklist_add_same_path:
 * @items: (element-type BylineCheckItem): where the items go
 * @text: the article
 * @length: the length of @text in bytes
 * @own_uri: (nullable): the article's own record, which is not a duplicate of itself
 * @records: the account's `site.standard.document` records, as listRecords gives them
 *
 * Adds an item for each other document of the article's publication (`site`) with the path
 * the article would publish under: a site shows one page per path.
 */
void
byline_checklist_add_same_path (GPtrArray  *items,
                                const char *text,
                                gsize       length,
                                const char *own_uri,
                                JsonArray  *records)
{
  g_autoptr(JsonObject) ours = NULL;
  g_autofree char *path = NULL;
  const char *site;

  g_return_if_fail (items != NULL);
  g_return_if_fail (records != NULL);

  if (!(ours = build_record (text, length, NULL, NULL)) ||
      !(site = byline_json_object_get_string (ours, "site")) ||
      !(path = normalize_path (byline_json_object_get_string (ours, "path"))))
    return;

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      const char *uri = NULL;
      JsonObject *value = record_value (records, i, &uri);
      g_autofree char *their_path = NULL;
      const char *title;
      BylineCheckItem *item;
      g_autofree char *message = NULL;

      if (value == NULL || uri == NULL || g_strcmp0 (uri, own_uri) == 0 ||
          g_strcmp0 (byline_json_object_get_string (value, "site"), site) != 0)
        continue;
      their_path = normalize_path (byline_json_object_get_string (value, "path"));
      if (g_strcmp0 (their_path, path) != 0)
        continue;

      title = byline_json_object_get_string (value, "title");
      message = g_strdup_printf (_("“%s” in the same publication has the path /%s too: the "
                                   "site shows one of the two (%s)"),
                                 title ? title : _("Untitled"), path, uri);
      item = byline_check_item_new (BYLINE_CHECK_SAME_PATH, FALSE, message);
      item->field = g_strdup ("path");
      item->target = g_strdup (uri);
      g_ptr_array_add (items, item);
    }
}

/**
 * byline_checklist_add_unpublished:
 * @items: (element-type BylineCheckItem): where the item goes
 * @site: the publication being published to
 * @name: the other article's name, for the message
 * @text: the other article
 * @length: the length of @text in bytes
 * @base_dir: (nullable): its folder, for its cover
 * @records: the account's `site.standard.document` records, as listRecords gives them
 *
 * Adds an item if another article of the publication @site has changes that are not
 * published: it was never published, or the record it would publish now differs (fields or
 * text) from its published record.
 *
 * Returns: %TRUE if an item was added
 */
gboolean
byline_checklist_add_unpublished (GPtrArray  *items,
                                  const char *site,
                                  const char *name,
                                  const char *text,
                                  gsize       length,
                                  GFile      *base_dir,
                                  JsonArray  *records)
{
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(JsonObject) ours = NULL;
  g_autofree char *message = NULL;
  JsonObject *theirs = NULL;
  const char *uri;
  const char *last_published;
  BylineCheckItem *item;

  g_return_val_if_fail (items != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  if (site == NULL || !(ours = build_record (text, length, base_dir, &metadata)) ||
      g_strcmp0 (byline_json_object_get_string (ours, "site"), site) != 0)
    return FALSE;

  uri = byline_metadata_get_record_uri (metadata);
  for (guint i = 0; uri != NULL && i < json_array_get_length (records) && theirs == NULL; i++)
    {
      const char *their_uri = NULL;
      JsonObject *value = record_value (records, i, &their_uri);

      if (value != NULL && g_strcmp0 (their_uri, uri) == 0)
        theirs = value;
    }

  if (theirs == NULL)
    message = g_strdup_printf (_("“%s”, open in another tab, belongs to the same publication "
                                 "and is not published"), name);
  else
    {
      last_published = byline_metadata_get_updated_at (metadata);
      if (last_published == NULL)
        last_published = byline_metadata_get_published_at (metadata);
      if ((byline_record_diff (ours, theirs, last_published)
           & ~BYLINE_RECORD_CHANGE_UPDATED_AT) == 0)
        return FALSE;
      message = g_strdup_printf (_("“%s”, open in another tab, belongs to the same publication "
                                   "and has changes not published"), name);
    }

  item = byline_check_item_new (BYLINE_CHECK_OTHER_UNPUBLISHED, FALSE, message);
  item->target = g_strdup (name);
  g_ptr_array_add (items, item);

  return TRUE;
}
