/* byline-yaml-private.h
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

#include <json-glib/json-glib.h>
#include <yaml.h>

G_BEGIN_DECLS

typedef enum
{
  BYLINE_YAML_SCALAR,
  BYLINE_YAML_SEQUENCE,
  BYLINE_YAML_MAPPING,
  BYLINE_YAML_ALIAS,
} BylineYamlKind;

/*
 * BylineYamlNode:
 *
 * A structured copy of a YAML value as libyaml's parser reported it: tag, anchor,
 * style and implicit flags are kept, so that a value Byline does not understand is
 * written back by the emitter exactly as it was read.
 */
typedef struct _BylineYamlNode BylineYamlNode;

struct _BylineYamlNode
{
  BylineYamlKind  kind;
  char           *tag;
  char           *anchor;
  char           *value;      /* scalar text, or the alias' anchor */
  gsize           length;
  int             style;      /* yaml_scalar_style_t, yaml_sequence_style_t or yaml_mapping_style_t */
  GPtrArray      *children;   /* items; for a mapping: key, value, key, value, ... */
  const struct _BylineYamlNode *target; /* an alias' node, while the text is parsed */
  gsize           line;       /* 0-based, in the YAML text */
  gsize           column;
  guint           plain_implicit : 1;
  guint           quoted_implicit : 1;
  guint           implicit : 1;
};

BylineYamlNode *_byline_yaml_node_new_scalar   (const char            *value,
                                                int                    style);
BylineYamlNode *_byline_yaml_node_new          (BylineYamlKind         kind);
BylineYamlNode *_byline_yaml_node_copy         (const BylineYamlNode  *node);
void            _byline_yaml_node_free         (BylineYamlNode        *node);
gboolean        _byline_yaml_node_equal        (const BylineYamlNode  *a,
                                                const BylineYamlNode  *b);
gboolean        _byline_yaml_node_is_null      (const BylineYamlNode  *node);
gboolean        _byline_yaml_node_emit         (const BylineYamlNode  *node,
                                                yaml_emitter_t        *emitter,
                                                gboolean               is_key);
JsonNode       *_byline_yaml_node_to_json      (const BylineYamlNode  *node,
                                                GHashTable            *anchors);
BylineYamlNode *_byline_yaml_node_from_json    (JsonNode              *json);
gboolean        _byline_yaml_scalar_is_plain_safe (const char         *value);
BylineYamlNode *_byline_yaml_node_from_string  (const char            *value);
char           *_byline_yaml_emit_entry        (const char            *key,
                                                const BylineYamlNode  *value,
                                                int                    indent);
char           *_byline_yaml_emit_inline       (const BylineYamlNode  *value,
                                                gboolean               in_flow);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineYamlNode, _byline_yaml_node_free)

G_END_DECLS
