/* byline-publication.c
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


#define G_LOG_DOMAIN "byline-publication"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-json.h"
#include "byline-publication.h"
#include "byline-publisher.h"
#include "byline-validator.h"

/*
 * A site.standard.publication record as the writer edits it: name, address, description, icon,
 * the basic theme's four colours and whether discovery feeds show it, within the lexicon's
 * limits; every other member of the record is kept as it was. Also what the publication's site
 * serves to prove it: the well-known file's body and each document's link tag.
 */

static const char * const color_members[BYLINE_THEME_N_COLORS] = {
  "background", "foreground", "accent", "accentForeground",
};

G_DEFINE_BOXED_TYPE (BylinePublication, byline_publication, byline_publication_copy,
                     byline_publication_free)

/**
 * byline_publication_new:
 *
 * Returns: (transfer full): an empty publication: no theme, shown in discovery feeds
 */
BylinePublication *
byline_publication_new (void)
{
  BylinePublication *publication = g_new0 (BylinePublication, 1);

  publication->show_in_discover = TRUE;
  /* A readable default for a theme switched on: dark text on white, a blue accent. */
  publication->theme[BYLINE_THEME_BACKGROUND] = (BylineRgb) { 255, 255, 255 };
  publication->theme[BYLINE_THEME_FOREGROUND] = (BylineRgb) { 36, 31, 49 };
  publication->theme[BYLINE_THEME_ACCENT] = (BylineRgb) { 53, 132, 228 };
  publication->theme[BYLINE_THEME_ACCENT_FOREGROUND] = (BylineRgb) { 255, 255, 255 };

  return publication;
}

/**
 * byline_publication_copy:
 *
 * Returns: (transfer full): a copy of @publication
 */
BylinePublication *
byline_publication_copy (const BylinePublication *publication)
{
  BylinePublication *copy;

  g_return_val_if_fail (publication != NULL, NULL);

  copy = g_new0 (BylinePublication, 1);
  *copy = *publication;
  copy->name = g_strdup (publication->name);
  copy->url = g_strdup (publication->url);
  copy->description = g_strdup (publication->description);
  copy->icon = publication->icon ? json_object_ref (publication->icon) : NULL;
  copy->kept = publication->kept ? json_object_ref (publication->kept) : NULL;

  return copy;
}

/**
 * byline_publication_free:
 * @publication: (nullable): a publication
 */
void
byline_publication_free (BylinePublication *publication)
{
  if (publication == NULL)
    return;

  g_free (publication->name);
  g_free (publication->url);
  g_free (publication->description);
  g_clear_pointer (&publication->icon, json_object_unref);
  g_clear_pointer (&publication->kept, json_object_unref);
  g_free (publication);
}

static gboolean
read_color (JsonObject *theme,
            const char *member,
            BylineRgb  *color)
{
  JsonObject *rgb;
  gint64 r, g, b;

  if (theme == NULL || !json_object_has_member (theme, member) ||
      json_node_get_node_type (json_object_get_member (theme, member)) != JSON_NODE_OBJECT)
    return FALSE;

  rgb = json_object_get_object_member (theme, member);
  r = json_object_get_int_member_with_default (rgb, "r", -1);
  g = json_object_get_int_member_with_default (rgb, "g", -1);
  b = json_object_get_int_member_with_default (rgb, "b", -1);
  if (r < 0 || r > 255 || g < 0 || g > 255 || b < 0 || b > 255)
    return FALSE;

  *color = (BylineRgb) { r, g, b };
  return TRUE;
}

/**
 * byline_publication_from_record:
 * @record: a `site.standard.publication` record's value
 *
 * Reads what the writer edits from @record, keeping the rest (labels, other apps' members) to
 * write back. A theme missing a colour, or with a colour out of range, counts as no theme.
 *
 * Returns: (transfer full): the publication
 */
BylinePublication *
byline_publication_from_record (JsonObject *record)
{
  BylinePublication *publication = byline_publication_new ();
  JsonObject *theme = NULL;
  JsonObject *preferences = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  g_return_val_if_fail (record != NULL, NULL);

  publication->name = g_strdup (byline_json_object_get_string (record, "name"));
  publication->url = g_strdup (byline_json_object_get_string (record, "url"));
  publication->description = g_strdup (byline_json_object_get_string (record, "description"));
  if (json_object_has_member (record, "icon") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (record, "icon")))
    publication->icon = json_object_ref (json_object_get_object_member (record, "icon"));

  if (json_object_has_member (record, "basicTheme") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (record, "basicTheme")))
    theme = json_object_get_object_member (record, "basicTheme");
  publication->has_theme = theme != NULL;
  for (guint i = 0; i < BYLINE_THEME_N_COLORS && theme != NULL; i++)
    if (!read_color (theme, color_members[i], &publication->theme[i]))
      publication->has_theme = FALSE;

  if (json_object_has_member (record, "preferences") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (record, "preferences")))
    preferences = json_object_get_object_member (record, "preferences");
  if (preferences != NULL)
    publication->show_in_discover =
      json_object_get_boolean_member_with_default (preferences, "showInDiscover", TRUE);

  publication->kept = json_object_new ();
  json_object_iter_init (&iter, record);
  while (json_object_iter_next (&iter, &member, &node))
    if (strcmp (member, "$type") != 0 && strcmp (member, "name") != 0 &&
        strcmp (member, "url") != 0 && strcmp (member, "description") != 0 &&
        strcmp (member, "icon") != 0 && strcmp (member, "basicTheme") != 0)
      json_object_set_member (publication->kept, member, json_node_copy (node));

  return publication;
}

static JsonObject *
color_object (const BylineRgb *color)
{
  JsonObject *rgb = json_object_new ();

  json_object_set_string_member (rgb, "$type", "site.standard.theme.color#rgb");
  json_object_set_int_member (rgb, "r", color->r);
  json_object_set_int_member (rgb, "g", color->g);
  json_object_set_int_member (rgb, "b", color->b);

  return rgb;
}

/**
 * byline_publication_to_record:
 * @publication: a publication
 *
 * Builds the record without validating it (see byline_publication_check()): the kept members
 * first, then the edited ones; the address without a trailing slash; `preferences` keeps its
 * other members.
 *
 * Returns: (transfer full): the record's value
 */
JsonObject *
byline_publication_to_record (const BylinePublication *publication)
{
  JsonObject *record = json_object_new ();
  JsonObject *preferences;
  g_autofree char *url = NULL;

  g_return_val_if_fail (publication != NULL, NULL);

  json_object_set_string_member (record, "$type", BYLINE_PUBLICATION_COLLECTION);
  if (publication->kept != NULL)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      json_object_iter_init (&iter, publication->kept);
      while (json_object_iter_next (&iter, &member, &node))
        json_object_set_member (record, member, json_node_copy (node));
    }

  json_object_set_string_member (record, "name", publication->name ? publication->name : "");
  url = byline_publication_normalize_url (publication->url ? publication->url : "");
  json_object_set_string_member (record, "url", url);
  if (publication->description != NULL && *publication->description != '\0')
    json_object_set_string_member (record, "description", publication->description);
  if (publication->icon != NULL)
    json_object_set_object_member (record, "icon", json_object_ref (publication->icon));

  if (publication->has_theme)
    {
      JsonObject *theme = json_object_new ();

      json_object_set_string_member (theme, "$type", "site.standard.theme.basic");
      for (guint i = 0; i < BYLINE_THEME_N_COLORS; i++)
        json_object_set_object_member (theme, color_members[i],
                                       color_object (&publication->theme[i]));
      json_object_set_object_member (record, "basicTheme", theme);
    }

  if (json_object_has_member (record, "preferences") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (record, "preferences")))
    preferences = json_object_get_object_member (record, "preferences");
  else
    {
      preferences = json_object_new ();
      json_object_set_object_member (record, "preferences", preferences);
    }
  json_object_set_boolean_member (preferences, "showInDiscover", publication->show_in_discover);

  return record;
}

static void
add_problem (GPtrArray  *problems,
             const char *field,
             char       *message)
{
  g_ptr_array_add (problems, byline_problem_new (field, -1, BYLINE_PROBLEM_ERROR, message));
  g_free (message);
}

static gboolean
check_text (GPtrArray  *problems,
            const char *field,
            const char *label,
            const char *value,
            gsize       max_bytes,
            gsize       max_graphemes)
{
  gsize bytes = strlen (value);
  gsize graphemes = byline_validator_count_graphemes (value, bytes);

  if (graphemes > max_graphemes)
    add_problem (problems, field,
                 /* Translators: “The name has 501 characters; the limit is 500” */
                 g_strdup_printf (_("%s has %" G_GSIZE_FORMAT " characters; the limit is %"
                                    G_GSIZE_FORMAT), label, graphemes, max_graphemes));
  else if (bytes > max_bytes)
    add_problem (problems, field,
                 g_strdup_printf (_("%s has %" G_GSIZE_FORMAT " bytes; the limit is %"
                                    G_GSIZE_FORMAT), label, bytes, max_bytes));
  else
    return TRUE;

  return FALSE;
}

/**
 * byline_publication_check:
 * @publication: a publication
 * @problems: (element-type BylineProblem): where problems are added
 *
 * Checks @publication against the lexicon: a name (at most 500 characters and 5000 bytes),
 * an `https://` address with a host, a description of at most 3000 characters and 30000
 * bytes. Colours cannot leave their range.
 *
 * Returns: %TRUE if the record can be written
 */
gboolean
byline_publication_check (const BylinePublication *publication,
                          GPtrArray               *problems)
{
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GUri) uri = NULL;
  guint before;

  g_return_val_if_fail (publication != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  before = problems->len;
  name = g_strstrip (g_strdup (publication->name ? publication->name : ""));
  if (*name == '\0')
    add_problem (problems, "name", g_strdup (_("The publication needs a name")));
  else
    check_text (problems, "name", _("The name"), publication->name,
                BYLINE_PUBLICATION_NAME_MAX_BYTES, BYLINE_PUBLICATION_NAME_MAX_GRAPHEMES);

  url = byline_publication_normalize_url (publication->url ? publication->url : "");
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (*url == '\0')
    add_problem (problems, "url", g_strdup (_("The publication needs an address")));
  else if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 ||
           g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    add_problem (problems, "url",
                 g_strdup_printf (_("The address “%s” is not an https:// address"), url));

  if (publication->description != NULL)
    check_text (problems, "description", _("The description"), publication->description,
                BYLINE_PUBLICATION_DESCRIPTION_MAX_BYTES,
                BYLINE_PUBLICATION_DESCRIPTION_MAX_GRAPHEMES);

  return problems->len == before;
}

/**
 * byline_publication_check_icon:
 * @problems: (element-type BylineProblem): where problems are added
 * @name: the file's name, for messages
 * @bytes: the file's content
 *
 * Sniffs the content for an image type and checks the size against the lexicon's
 * 1,000,000 bytes.
 *
 * Returns: (transfer full) (nullable): the MIME type if the icon is acceptable
 */
char *
byline_publication_check_icon (GPtrArray  *problems,
                               const char *name,
                               GBytes     *bytes)
{
  gsize size = g_bytes_get_size (bytes);
  g_autofree char *content_type = g_content_type_guess (NULL, g_bytes_get_data (bytes, NULL),
                                                        MIN (size, 65536), NULL);
  g_autofree char *mime_type = g_content_type_get_mime_type (content_type);
  gboolean ok = TRUE;

  g_return_val_if_fail (problems != NULL, NULL);

  if (mime_type == NULL || !g_str_has_prefix (mime_type, "image/"))
    {
      add_problem (problems, "icon",
                   g_strdup_printf (_("The icon “%s” is not an image (its content is %s)"),
                                    name, mime_type ? mime_type : content_type));
      ok = FALSE;
    }
  if (size > BYLINE_PUBLICATION_ICON_MAX_BYTES)
    {
      add_problem (problems, "icon",
                   g_strdup_printf (_("The icon “%s” has %" G_GSIZE_FORMAT " bytes; the limit "
                                      "is %d"), name, size, BYLINE_PUBLICATION_ICON_MAX_BYTES));
      ok = FALSE;
    }

  return ok ? g_steal_pointer (&mime_type) : NULL;
}

/**
 * byline_publication_normalize_url:
 * @url: an address as typed
 *
 * Returns: (transfer full): @url without spaces around it and without trailing slashes
 */
char *
byline_publication_normalize_url (const char *url)
{
  char *normalized;
  gsize length;

  g_return_val_if_fail (url != NULL, NULL);

  normalized = g_strstrip (g_strdup (url));
  length = strlen (normalized);
  while (length > 0 && normalized[length - 1] == '/')
    normalized[--length] = '\0';

  return normalized;
}

/**
 * byline_publication_well_known_body:
 * @uri: the publication's AT-URI
 *
 * Returns: (transfer full): what `/.well-known/site.standard.publication` serves: the AT-URI,
 *   as plain text
 */
char *
byline_publication_well_known_body (const char *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);

  return g_strdup (uri);
}

/**
 * byline_publication_link_tag:
 * @document_uri: a document's AT-URI
 *
 * Returns: (transfer full): the tag the document's page carries in its `<head>`
 */
char *
byline_publication_link_tag (const char *document_uri)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (document_uri != NULL, NULL);

  escaped = g_markup_escape_text (document_uri, -1);
  return g_strdup_printf ("<link rel=\"site.standard.document\" href=\"%s\">", escaped);
}

/**
 * byline_publication_document_url:
 * @url: the publication's address
 * @path: (nullable): a document's path
 *
 * Returns: (transfer full): the document's public address: @url and @path joined by one
 *   slash
 */
char *
byline_publication_document_url (const char *url,
                                 const char *path)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  base = byline_publication_normalize_url (url);
  if (path == NULL || *path == '\0')
    return g_strconcat (base, "/", NULL);
  while (*path == '/')
    path++;

  return g_strconcat (base, "/", path, NULL);
}
