/* byline-contributors.h
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

#include <glib-object.h>

#include "byline-metadata.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_CONTRIBUTOR (byline_contributor_get_type ())

/**
 * BylineContributor:
 * @did: (nullable): the contributor's DID
 * @role: (nullable): what they did ("editor", "photos")
 * @display_name: (nullable): the name readers see
 *
 * One entry of the front matter's `contributors` list, as the record's lexicon has it.
 */
typedef struct
{
  char *did;
  char *role;
  char *display_name;
} BylineContributor;

GType              byline_contributor_get_type        (void) G_GNUC_CONST;
BylineContributor *byline_contributor_new             (const char        *did,
                                                       const char        *role,
                                                       const char        *display_name);
BylineContributor *byline_contributor_copy            (const BylineContributor *self);
void               byline_contributor_free            (BylineContributor *self);

GPtrArray         *byline_metadata_dup_contributors   (BylineMetadata    *metadata);
void               byline_metadata_set_contributors   (BylineMetadata    *metadata,
                                                       GPtrArray         *contributors);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineContributor, byline_contributor_free)

G_END_DECLS
