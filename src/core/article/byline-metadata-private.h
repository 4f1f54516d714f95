/* byline-metadata-private.h
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

#include "byline-metadata.h"
#include "byline-yaml-private.h"

G_BEGIN_DECLS

void        _byline_metadata_set_key_name   (BylineMetadata      *self,
                                             BylineMetadataField  field,
                                             const char          *key);
const char *_byline_metadata_get_key_name   (BylineMetadata      *self,
                                             BylineMetadataField  field);
void        _byline_metadata_add_extra      (BylineMetadata      *self,
                                             BylineYamlNode      *key,
                                             BylineYamlNode      *value);
GPtrArray  *_byline_metadata_get_extra      (BylineMetadata      *self);
const BylineYamlNode *
            _byline_metadata_get_extra_node (BylineMetadata      *self,
                                             const char          *key);
void        _byline_metadata_set_extra_node (BylineMetadata      *self,
                                             const char          *key,
                                             BylineYamlNode      *value);

G_END_DECLS
