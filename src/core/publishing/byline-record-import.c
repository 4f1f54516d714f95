/* byline-record-import.c
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

#define G_LOG_DOMAIN "byline-record-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-front-matter.h"
#include "byline-json.h"
#include "byline-leaflet.h"
#include "byline-metadata-private.h"
#include "byline-record.h"
#include "byline-validator.h"

/*
 * site.standard.document -> article. What the front matter cannot hold as a
 * Byline key goes to `recordFields`, verbatim, and export puts it back:
 *
 *  - members Byline does not edit (`labels`, `links`, unknown ones, and `contributors`
 *    unless each is an object of text members, which go to the front matter as they are),
 *  - known members of an unexpected type (a number as title, ...),
 *  - `content` unless it is exactly what export regenerates from the body,
 *  - `publishedAt`/`updatedAt` when not written as `YYYY-MM-DDTHH:MM:SS.sssZ`
 *    (the front matter shows the normalised instant; export writes the original
 *    spelling back as long as it still means the same instant).
 *
 * The body is the Markdown of the content: Markdown content as it is, Leaflet blocks
 * converted (the article's `contentFormat` is then `leaflet`, and the blocks stay among
 * the record fields so that export writes unchanged blocks back as they were). For content
 * types Byline cannot write (pckt, Offprint, …) and records without content, the body is
 * `textContent`, which is also kept among the record fields: export refuses to keep such a
 * content once the body no longer says the same (byline_record_check_content()).
 */

static gboolean
is_string (JsonNode *node);

/* Contributors the front matter can hold and give back the same: objects of strings, each
 * with a did. */
static gboolean
contributors_importable (JsonNode *node)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (item) ||
          !json_object_has_member (json_node_get_object (item), "did"))
        return FALSE;
      json_object_iter_init (&iter, json_node_get_object (item));
      while (json_object_iter_next (&iter, &member, &value))
        if (!is_string (value))
          return FALSE;
    }

  return json_array_get_length (array) > 0;
}

/* Self-labels the front matter can hold as a list of words and give back the same. */
static BylineYamlNode *
labels_to_yaml (JsonNode *node)
{
  JsonObject *labels;
  JsonArray *values;
  BylineYamlNode *list;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  labels = json_node_get_object (node);
  if (json_object_get_size (labels) != 2 ||
      g_strcmp0 (json_object_get_string_member_with_default (labels, "$type", NULL),
                 "com.atproto.label.defs#selfLabels") != 0 ||
      !json_object_has_member (labels, "values") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (labels, "values")))
    return NULL;

  values = json_object_get_array_member (labels, "values");
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonNode *item = json_array_get_element (values, i);
      JsonObject *label = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;

      if (label == NULL || json_object_get_size (label) != 1 ||
          !json_object_has_member (label, "val") || !is_string (json_object_get_member (label, "val")) ||
          json_object_get_string_member (label, "val")[0] == '\0')
        return NULL;
    }

  list = _byline_yaml_node_new (BYLINE_YAML_SEQUENCE);
  list->style = YAML_FLOW_SEQUENCE_STYLE;
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      const char *val = json_object_get_string_member (json_array_get_object_element (values, i), "val");

      g_ptr_array_add (list->children,
                       _byline_yaml_node_new_scalar (val, _byline_yaml_scalar_is_plain_safe (val)
                                                          ? YAML_PLAIN_SCALAR_STYLE
                                                          : YAML_DOUBLE_QUOTED_SCALAR_STYLE));
    }

  return list;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static void
keep (JsonObject *kept,
      const char *name,
      JsonNode   *node)
{
  json_object_set_member (kept, name, json_node_copy (node));
}

static gboolean
import_tags (BylineMetadata *metadata,
             JsonNode       *node)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) tags = NULL;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!is_string (item))
        return FALSE;
      g_strv_builder_add (builder, json_node_get_string (item));
    }

  tags = g_strv_builder_end (builder);
  byline_metadata_set_tags (metadata, (const char * const *)tags);
  return TRUE;
}

static gboolean
import_datetime (BylineMetadata      *metadata,
                 JsonObject          *kept,
                 BylineMetadataField  field,
                 const char          *name,
                 JsonNode            *node)
{
  const char *value;
  g_autofree char *normal = NULL;

  if (!is_string (node))
    return FALSE;

  value = json_node_get_string (node);
  normal = byline_validator_normalize_datetime (value);
  byline_metadata_set_string (metadata, field, normal ? normal : value);

  if (normal != NULL && strcmp (normal, value) != 0)
    keep (kept, name, node);

  return TRUE;
}

static gboolean
import_bsky_post_ref (BylineMetadata *metadata,
                      JsonNode       *node)
{
  JsonObject *ref;
  const char *uri, *cid;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  ref = json_node_get_object (node);
  uri = byline_json_object_get_string (ref, "uri");
  cid = byline_json_object_get_string (ref, "cid");
  if (uri == NULL || cid == NULL || json_object_get_size (ref) != 2)
    return FALSE;

  byline_metadata_set_bsky_post_uri (metadata, uri);
  byline_metadata_set_bsky_post_cid (metadata, cid);
  return TRUE;
}

/* TRUE if export would write back exactly this content from its Markdown. */
static gboolean
is_canonical_content (JsonObject *content)
{
  JsonNode *text = json_object_get_member (content, "text");
  JsonObject *text_object;

  if (json_object_get_size (content) != 3 ||
      g_strcmp0 (byline_json_object_get_string (content, "$type"), BYLINE_MARKPUB_TYPE) != 0 ||
      g_strcmp0 (byline_json_object_get_string (content, "flavor"), "gfm") != 0 ||
      text == NULL || !JSON_NODE_HOLDS_OBJECT (text))
    return FALSE;

  text_object = json_node_get_object (text);
  return json_object_get_size (text_object) == 2 &&
         g_strcmp0 (byline_json_object_get_string (text_object, "$type"), "at.markpub.text") == 0 &&
         byline_json_object_get_string (text_object, "markdown") != NULL;
}

/* Returns the body the content gives, or NULL when Byline cannot write it. */
static char *
import_content (BylineMetadata *metadata,
                JsonObject     *kept,
                JsonNode       *node)
{
  JsonObject *content;
  JsonObject *holder;
  const char *member;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      content = json_node_get_object (node);
      if (_byline_record_find_markdown (content, &holder, &member))
        {
          if (!is_canonical_content (content))
            keep (kept, "content", node);
          return g_strdup (byline_json_object_get_string (holder, member));
        }
      if (g_strcmp0 (byline_json_object_get_string (content, "$type"), BYLINE_LEAFLET_TYPE) == 0)
        {
          g_autofree char *markdown = byline_leaflet_to_markdown (content);

          /* No blocks at all: the text content says more. */
          if (markdown != NULL && markdown[0] != 0)
            {
              keep (kept, "content", node);
              byline_metadata_set_string (metadata, BYLINE_METADATA_FIELD_CONTENT_FORMAT, "leaflet");
              return g_steal_pointer (&markdown);
            }
        }
    }

  keep (kept, "content", node);
  return NULL;
}

/**
 * byline_record_to_metadata:
 * @record: a `site.standard.document` record, or a `getRecord` answer
 *   (`{uri, cid, value}`)
 * @body: (out) (transfer full): the Markdown body
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the metadata, or %NULL if @record is not a
 *   `site.standard.document` (%BYLINE_RECORD_ERROR_WRONG_TYPE)
 */
BylineMetadata *
byline_record_to_metadata (JsonObject  *record,
                           char       **body,
                           GError     **error)
{
  g_autoptr(BylineMetadata) metadata = byline_metadata_new ();
  g_autoptr(JsonObject) kept = json_object_new ();
  g_autofree char *markdown = NULL;
  gboolean unwritable = FALSE;
  const char *text_content = NULL;
  const char *type;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  /* com.atproto.repo.getRecord's answer: the record is its value. */
  if (byline_json_object_get_string (record, "$type") == NULL &&
      json_object_has_member (record, "value") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (record, "value")))
    {
      byline_metadata_set_record_uri (metadata, byline_json_object_get_string (record, "uri"));
      byline_metadata_set_record_cid (metadata, byline_json_object_get_string (record, "cid"));
      record = json_object_get_object_member (record, "value");
    }

  type = byline_json_object_get_string (record, "$type");
  if (g_strcmp0 (type, BYLINE_RECORD_TYPE) != 0)
    {
      if (type != NULL)
        g_set_error (error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_WRONG_TYPE,
                     _("This is a “%s” record, not a site.standard.document"), type);
      else
        g_set_error_literal (error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_WRONG_TYPE,
                             _("This is not a site.standard.document record: it has no $type"));
      return NULL;
    }

  json_object_iter_init_ordered (&iter, record);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      gboolean taken = FALSE;
      BylineYamlNode *yaml = NULL;

      if (strcmp (name, "$type") == 0)
        continue;
      else if (strcmp (name, "title") == 0 || strcmp (name, "description") == 0 ||
               strcmp (name, "site") == 0 || strcmp (name, "path") == 0)
        {
          BylineMetadataField field = name[0] == 't' ? BYLINE_METADATA_FIELD_TITLE :
                                      name[0] == 'd' ? BYLINE_METADATA_FIELD_DESCRIPTION :
                                      name[0] == 's' ? BYLINE_METADATA_FIELD_SITE :
                                                       BYLINE_METADATA_FIELD_PATH;

          /* An empty string could not be told apart from a missing key. */
          if ((taken = is_string (node) && json_node_get_string (node)[0] != 0))
            byline_metadata_set_string (metadata, field, json_node_get_string (node));
        }
      else if (strcmp (name, "tags") == 0)
        taken = import_tags (metadata, node);
      else if (strcmp (name, "publishedAt") == 0)
        taken = import_datetime (metadata, kept, BYLINE_METADATA_FIELD_PUBLISHED_AT, name, node);
      else if (strcmp (name, "updatedAt") == 0)
        taken = import_datetime (metadata, kept, BYLINE_METADATA_FIELD_UPDATED_AT, name, node);
      else if (strcmp (name, "coverImage") == 0 && JSON_NODE_HOLDS_OBJECT (node))
        {
          byline_metadata_set_cover_blob (metadata, json_node_get_object (node));
          taken = TRUE;
        }
      else if (strcmp (name, "bskyPostRef") == 0)
        taken = import_bsky_post_ref (metadata, node);
      else if (strcmp (name, "labels") == 0 && (yaml = labels_to_yaml (node)) != NULL)
        {
          _byline_metadata_add_extra (metadata,
                                      _byline_yaml_node_new_scalar ("labels", YAML_PLAIN_SCALAR_STYLE),
                                      g_steal_pointer (&yaml));
          taken = TRUE;
        }
      else if (strcmp (name, "contributors") == 0 && contributors_importable (node))
        {
          _byline_metadata_add_extra (metadata,
                                      _byline_yaml_node_new_scalar ("contributors", YAML_PLAIN_SCALAR_STYLE),
                                      _byline_yaml_node_from_json (node));
          taken = TRUE;
        }
      else if (strcmp (name, "textContent") == 0 && is_string (node))
        {
          text_content = json_node_get_string (node);
          taken = TRUE;
        }
      else if (strcmp (name, "content") == 0)
        {
          markdown = import_content (metadata, kept, node);
          unwritable = markdown == NULL && !JSON_NODE_HOLDS_NULL (node);
          taken = TRUE;
        }

      if (!taken)
        keep (kept, name, node);
    }

  /* Export makes a content from the body and a path from the title when there are none: a
   * record without them is exported again without them. `null` among the record fields says
   * so; deleting that line lets export make them again. */
  if (!json_object_has_member (record, "content"))
    json_object_set_null_member (kept, "content");
  if (!json_object_has_member (record, "path"))
    json_object_set_null_member (kept, "path");

  /* What the body said on import, to tell when it was edited (nothing, without a text). */
  if (unwritable)
    json_object_set_string_member (kept, "textContent", text_content ? text_content : "");

  byline_metadata_set_record_fields (metadata, kept);

  if (markdown != NULL)
    *body = g_steal_pointer (&markdown);
  else
    *body = g_strdup (text_content ? text_content : "");

  return g_steal_pointer (&metadata);
}

/**
 * byline_record_import:
 * @json: a record's JSON text
 * @length: the length of @json in bytes
 * @error: return location for a #GError
 *
 * Turns a record into an article: front matter, then the Markdown body. Exporting
 * the result without edits gives back every member with the same value; only
 * `textContent` is regenerated as plain text.
 *
 * Returns: (transfer full) (nullable): the article text
 */
char *
byline_record_import (const char  *json,
                      gsize        length,
                      GError     **error)
{
  /* Not json_parser_new_immutable(): json-glib 1.10 accepts a value followed by an
   * object or array ("4{}") and then aborts in json_parser_get_root() on that root. */
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *front_matter = NULL;
  const char *invalid = NULL;
  JsonNode *root;

  g_return_val_if_fail (json != NULL || length == 0, NULL);

  if (!g_utf8_validate_len (json, length, &invalid))
    {
      g_set_error (error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_ENCODING,
                   _("The record is not valid UTF-8 (byte %" G_GSIZE_FORMAT ")"),
                   (gsize)(invalid - json));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_INVALID_JSON,
                   _("The record is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_INVALID_JSON,
                           _("The record is not a JSON object"));
      return NULL;
    }

  metadata = byline_record_to_metadata (json_node_get_object (root), &body, error);
  if (metadata == NULL)
    return NULL;

  front_matter = byline_front_matter_serialize (metadata);

  return g_strconcat (front_matter, body, NULL);
}
