/* byline-renderer-header.c
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

#define G_LOG_DOMAIN "byline-renderer"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-metadata-private.h"
#include "byline-renderer-private.h"

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;

  if (!(utc = g_date_time_new_from_iso8601 (iso, NULL)))
    return g_strdup (iso);

  local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%e %B %Y");
}

/* The article header (block 0): cover, title, description, date and tags from the front
 * matter. */
static const char *
mapping_string (const BylineYamlNode *mapping,
                const char           *key)
{
  for (guint i = 0; mapping->children != NULL && i + 1 < mapping->children->len; i += 2)
    {
      const BylineYamlNode *name = g_ptr_array_index (mapping->children, i);
      const BylineYamlNode *value = g_ptr_array_index (mapping->children, i + 1);

      if (name->kind == BYLINE_YAML_SCALAR && g_strcmp0 (name->value, key) == 0)
        return value->kind == BYLINE_YAML_SCALAR && value->value[0] != '\0' ? value->value : NULL;
    }

  return NULL;
}

/* "With Ann Lee (editor), Bo": the contributors by name (or did), each with their role. */
static void
append_contributors (GString        *out,
                     BylineMetadata *metadata)
{
  const BylineYamlNode *list = _byline_metadata_get_extra_node (metadata, "contributors");
  guint n = 0;

  if (list == NULL || list->kind != BYLINE_YAML_SEQUENCE || list->children == NULL)
    return;

  for (guint i = 0; i < list->children->len; i++)
    {
      const BylineYamlNode *item = g_ptr_array_index (list->children, i);
      const char *name, *role;

      if (item->kind != BYLINE_YAML_MAPPING)
        continue;
      name = mapping_string (item, "displayName");
      if (name == NULL)
        name = mapping_string (item, "did");
      if (name == NULL)
        continue;
      role = mapping_string (item, "role");

      if (n++ == 0)
        {
          g_string_append (out, "<span class=\"contributors\">");
          /* Translators: before the article's contributors in the preview's byline */
          append_escaped (out, _("With"));
          g_string_append_c (out, ' ');
        }
      else
        g_string_append (out, ", ");
      g_string_append (out, "<span class=\"contributor\">");
      append_escaped (out, name);
      if (role != NULL)
        {
          g_string_append (out, " <span class=\"role\">(");
          append_escaped (out, role);
          g_string_append (out, ")</span>");
        }
      g_string_append (out, "</span>");
    }

  if (n > 0)
    g_string_append (out, "</span>");
}

/* What a screen reader says of the cover: the front matter's own description of it
 * (`coverImageAlt`, or `coverAlt` as some site generators call it), else the article's title,
 * which the cover illustrates. */
static const char *
cover_alt (BylineMetadata *metadata)
{
  static const char * const keys[] = { "coverImageAlt", "coverAlt" };
  const char *title;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *alt = byline_metadata_get_extra_string (metadata, keys[i]);

      if (alt != NULL && *alt != '\0')
        return alt;
    }

  title = byline_metadata_get_title (metadata);
  if (title != NULL && *title != '\0')
    return title;

  /* Translators: the description of an article's cover image, for an article without a title */
  return _("Cover image");
}

char *
_byline_renderer_render_header (BylineMetadata *metadata)
{
  g_autoptr(GString) out = g_string_new ("<header class=\"article-header\">");
  g_autofree char *date = NULL;
  const char * const *tags;
  const char *cover;
  const char *title;
  const char *description;
  g_autoptr(GString) contributors = NULL;

  if (metadata == NULL)
    return g_string_free (g_steal_pointer (&out), FALSE);

  cover = byline_metadata_get_cover_image (metadata);
  title = byline_metadata_get_title (metadata);
  description = byline_metadata_get_description (metadata);
  date = format_date (byline_metadata_get_published_at (metadata));
  tags = byline_metadata_get_tags (metadata);

  if (cover != NULL && *cover != '\0')
    {
      g_string_append (out, "<img class=\"cover\" alt=\"");
      append_escaped (out, cover_alt (metadata));
      g_string_append (out, "\" src=\"");
      append_escaped (out, cover);
      g_string_append (out, "\">");
    }

  if (title != NULL && *title != '\0')
    {
      g_string_append (out, "<h1 class=\"title\">");
      append_escaped (out, title);
      g_string_append (out, "</h1>");
    }

  if (description != NULL && *description != '\0')
    {
      g_string_append (out, "<p class=\"description\">");
      append_escaped (out, description);
      g_string_append (out, "</p>");
    }

  contributors = g_string_new (NULL);
  append_contributors (contributors, metadata);

  if (date != NULL || (tags != NULL && tags[0] != NULL) || contributors->len > 0)
    {
      g_string_append (out, "<p class=\"byline\">");
      g_string_append_len (out, contributors->str, contributors->len);
      if (date != NULL)
        {
          g_string_append (out, "<time>");
          append_escaped (out, g_strstrip (date));
          g_string_append (out, "</time>");
        }
      for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
        {
          g_string_append (out, "<span class=\"tag\">");
          append_escaped (out, tags[i]);
          g_string_append (out, "</span>");
        }
      g_string_append (out, "</p>");
    }

  g_string_append (out, "</header>");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
