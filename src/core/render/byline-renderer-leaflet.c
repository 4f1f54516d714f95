/* byline-renderer-leaflet.c
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


#define G_LOG_DOMAIN "byline-renderer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "byline-renderer-private.h"

/*
 * A Leaflet block that Markdown cannot hold stays in an imported article as a fenced
 * block (```` ```leaflet-block ````) of its JSON, which the export writes back. The
 * preview shows it as a labelled card, not as JSON.
 */

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * _byline_renderer_leaflet_card:
 * @json: the fenced block's text
 *
 * Returns: (transfer full) (nullable): the card's HTML, or %NULL if @json holds no block
 */
char *
_byline_renderer_leaflet_card (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *item, *block;
  const char *type, *name;
  const char *label;
  const char *detail = NULL;
  g_autofree char *detail_owned = NULL;
  g_autofree char *escaped_label = NULL;
  g_autofree char *escaped_detail = NULL;
  g_autofree char *escaped_name = NULL;
  g_autofree char *escaped_title = NULL;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  item = json_node_get_object (json_parser_get_root (parser));
  block = member_object (item, "block");
  type = member_string (block, "$type");
  if (type == NULL)
    return NULL;
  name = g_str_has_prefix (type, "pub.leaflet.blocks.") ? type + strlen ("pub.leaflet.blocks.") : type;

  if (strcmp (name, "image") == 0)
    {
      label = _("Image");
      detail = member_string (block, "alt");
    }
  else if (strcmp (name, "imageGallery") == 0)
    label = _("Image gallery");
  else if (strcmp (name, "website") == 0)
    {
      label = _("Link card");
      detail = member_string (block, "title") ? member_string (block, "title") : member_string (block, "src");
    }
  else if (strcmp (name, "bskyPost") == 0)
    {
      label = _("Bluesky post");
      detail = member_string (member_object (block, "postRef"), "uri");
    }
  else if (strcmp (name, "iframe") == 0)
    {
      label = _("Embedded page");
      detail = member_string (block, "url");
    }
  else if (strcmp (name, "html") == 0)
    label = _("HTML");
  else if (strcmp (name, "button") == 0)
    {
      label = _("Button");
      detail = member_string (block, "text");
    }
  else if (strcmp (name, "poll") == 0)
    label = _("Poll");
  else if (strcmp (name, "signup") == 0)
    label = _("Sign-up form");
  else if (strcmp (name, "postsList") == 0)
    label = _("List of posts");
  else if (strcmp (name, "page") == 0)
    label = _("Link to another page");
  else if (strcmp (name, "standardSitePost") == 0 || strcmp (name, "standardSitePublication") == 0)
    {
      label = _("Post card");
      detail = member_string (block, "uri");
    }
  else if (strcmp (name, "membersOnlyDelimiter") == 0)
    label = _("Members-only content starts here");
  else if (member_string (block, "plaintext") != NULL)
    {
      label = member_string (item, "alignment") ? _("Aligned text") : _("Text");
      detail = member_string (block, "plaintext");
    }
  else if (member_string (block, "tex") != NULL)
    {
      label = _("Math");
      detail = member_string (block, "tex");
    }
  else
    label = type;

  escaped_label = g_markup_escape_text (label, -1);
  escaped_name = g_markup_escape_text (name, -1);
  if (detail != NULL && detail[0] != 0)
    {
      detail_owned = g_utf8_make_valid (detail, -1);
      escaped_detail = g_markup_escape_text (detail_owned, -1);
    }

  /* Translators: the tooltip of a Leaflet block that Markdown cannot hold, shown as a card */
  escaped_title = g_markup_escape_text (_("A Leaflet block, written back as it is when exported"), -1);

  return g_strdup_printf ("<figure class=\"leaflet-block\" data-leaflet-block=\"%s\" title=\"%s\">"
                          "<figcaption>%s</figcaption>%s%s%s</figure>\n",
                          escaped_name, escaped_title, escaped_label,
                          escaped_detail ? "<p>" : "", escaped_detail ? escaped_detail : "",
                          escaped_detail ? "</p>" : "");
}
