/* byline-publication-themes.h
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

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_PUBLICATION_THEMES (byline_publication_themes_get_type ())

G_DECLARE_FINAL_TYPE (BylinePublicationThemes, byline_publication_themes, BYLINE,
                      PUBLICATION_THEMES, GObject)

BylinePublicationThemes *byline_publication_themes_get_default (void);
JsonObject              *byline_publication_themes_lookup      (BylinePublicationThemes *self,
                                                                const char              *site);

G_END_DECLS
