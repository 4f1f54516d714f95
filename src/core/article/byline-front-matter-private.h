/* byline-front-matter-private.h
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

#include <yaml.h>

#include "byline-front-matter.h"
#include "byline-yaml-private.h"

G_BEGIN_DECLS

/* Shared by the files that read the front matter, split by concern. */

/* One parse of a front-matter block. */
typedef struct
{
  yaml_parser_t  parser;
  const char    *yaml;
  gsize          yaml_len;
  gsize          first_line;   /* lines of the file before the YAML text */
  GHashTable    *anchors;      /* anchor name -> its latest BylineYamlNode (borrowed) */
  GHashTable    *kept_anchors; /* anchor name -> the node last written with it (borrowed) */
} BylineFrontMatterParse;

void        _byline_front_matter_set_error_at   (BylineFrontMatterParse  *p,
                                                 GError                 **error,
                                                 int                      code,
                                                 gsize                    line,
                                                 gsize                    column,
                                                 const char              *message);
const char *_byline_front_matter_describe_kind  (const BylineYamlNode    *node);
gboolean    _byline_front_matter_find_yaml      (const char              *text,
                                                 gsize                    len,
                                                 gsize                   *yaml_start,
                                                 gsize                   *yaml_end,
                                                 gsize                   *block_end);
gboolean    _byline_front_matter_is_known_key   (const char              *key);
char       *_byline_front_matter_edit           (const char              *text,
                                                 gsize                    len,
                                                 BylineMetadata          *metadata);
gboolean    _byline_front_matter_apply_mapping  (BylineFrontMatterParse  *p,
                                                 BylineMetadata          *metadata,
                                                 const BylineYamlNode    *root,
                                                 GError                 **error);

G_END_DECLS
