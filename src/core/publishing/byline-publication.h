/* byline-publication.h
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


#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The limits of site.standard.publication. */
#define BYLINE_PUBLICATION_NAME_MAX_BYTES            5000
#define BYLINE_PUBLICATION_NAME_MAX_GRAPHEMES        500
#define BYLINE_PUBLICATION_DESCRIPTION_MAX_BYTES     30000
#define BYLINE_PUBLICATION_DESCRIPTION_MAX_GRAPHEMES 3000
#define BYLINE_PUBLICATION_ICON_MAX_BYTES            1000000

/* Where a publication says which record it is, and how a page says which document it is. */
#define BYLINE_PUBLICATION_WELL_KNOWN_PATH "/.well-known/site.standard.publication"

/**
 * BylineRgb:
 * @r: red, 0 to 255
 * @g: green
 * @b: blue
 *
 * A `site.standard.theme.color#rgb`.
 */
typedef struct
{
  guint8 r;
  guint8 g;
  guint8 b;
} BylineRgb;

/**
 * BylineThemeColor:
 * @BYLINE_THEME_BACKGROUND: the content's background
 * @BYLINE_THEME_FOREGROUND: the content's text
 * @BYLINE_THEME_ACCENT: links and button backgrounds
 * @BYLINE_THEME_ACCENT_FOREGROUND: the text of buttons
 *
 * The four colours of a `site.standard.theme.basic`.
 */
typedef enum
{
  BYLINE_THEME_BACKGROUND,
  BYLINE_THEME_FOREGROUND,
  BYLINE_THEME_ACCENT,
  BYLINE_THEME_ACCENT_FOREGROUND,
  BYLINE_THEME_N_COLORS,
} BylineThemeColor;

/**
 * BylinePublication:
 * @name: the publication's name
 * @url: its address, `https://` without a trailing slash
 * @description: (nullable): what it is about
 * @icon: (nullable): the icon's blob, as the record has it
 * @has_theme: whether the record has a `basicTheme`
 * @theme: the theme's colours, by #BylineThemeColor
 * @show_in_discover: `preferences.showInDiscover`
 * @kept: the record's other members, written back as they were
 *
 * A `site.standard.publication` record, as the writer edits it.
 */
typedef struct
{
  char       *name;
  char       *url;
  char       *description;
  JsonObject *icon;
  gboolean    has_theme;
  BylineRgb   theme[BYLINE_THEME_N_COLORS];
  gboolean    show_in_discover;
  JsonObject *kept;
} BylinePublication;

#define BYLINE_TYPE_PUBLICATION (byline_publication_get_type ())

GType              byline_publication_get_type       (void) G_GNUC_CONST;
BylinePublication *byline_publication_new            (void);
BylinePublication *byline_publication_copy           (const BylinePublication *publication);
void               byline_publication_free           (BylinePublication       *publication);
BylinePublication *byline_publication_from_record    (JsonObject              *record);
JsonObject        *byline_publication_to_record      (const BylinePublication *publication);
gboolean           byline_publication_check          (const BylinePublication *publication,
                                                      GPtrArray               *problems);
char              *byline_publication_check_icon     (GPtrArray               *problems,
                                                      const char              *name,
                                                      GBytes                  *bytes);
char              *byline_publication_normalize_url  (const char              *url);
char              *byline_publication_well_known_body (const char             *uri);
char              *byline_publication_link_tag       (const char              *document_uri);
char              *byline_publication_document_url   (const char              *url,
                                                      const char              *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePublication, byline_publication_free)

G_END_DECLS
