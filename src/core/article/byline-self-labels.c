/* byline-self-labels.c
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

#define G_LOG_DOMAIN "byline-self-labels"

#include "config.h"

#include "byline-metadata-private.h"
#include "byline-self-labels.h"
#include "byline-yaml-private.h"

/*
 * The front matter's `labels`: the author's own labels (content warnings such as "nudity"),
 * a list of words that the record export turns into com.atproto.label.defs#selfLabels. Like
 * the contributors, the list stays a key the metadata keeps without knowing it; this reads
 * and writes it for the side panel.
 */

/**
 * byline_metadata_dup_labels:
 * @metadata: a #BylineMetadata
 *
 * Returns: (transfer full): the labels, in order; the items that are not words are left out
 */
GStrv
byline_metadata_dup_labels (BylineMetadata *metadata)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const BylineYamlNode *list;

  g_return_val_if_fail (BYLINE_IS_METADATA (metadata), NULL);

  list = _byline_metadata_get_extra_node (metadata, "labels");
  for (guint i = 0; list != NULL && list->kind == BYLINE_YAML_SEQUENCE &&
                    list->children != NULL && i < list->children->len; i++)
    {
      const BylineYamlNode *item = g_ptr_array_index (list->children, i);

      if (item->kind == BYLINE_YAML_SCALAR && item->value[0] != '\0')
        g_strv_builder_add (builder, item->value);
    }

  return g_strv_builder_end (builder);
}

/**
 * byline_metadata_set_labels:
 * @metadata: a #BylineMetadata
 * @labels: (nullable): the labels, in order
 *
 * Sets the front matter's `labels` where the key stands (as a list in the style it was
 * written in, else `[a, b]`), or adds it last; none removes the key.
 */
void
byline_metadata_set_labels (BylineMetadata     *metadata,
                            const char * const *labels)
{
  const BylineYamlNode *old;
  BylineYamlNode *list;

  g_return_if_fail (BYLINE_IS_METADATA (metadata));

  if (labels == NULL || labels[0] == NULL)
    {
      _byline_metadata_set_extra_node (metadata, "labels", NULL);
      return;
    }

  old = _byline_metadata_get_extra_node (metadata, "labels");
  list = _byline_yaml_node_new (BYLINE_YAML_SEQUENCE);
  list->style = old != NULL && old->kind == BYLINE_YAML_SEQUENCE ? old->style
                                                                 : YAML_FLOW_SEQUENCE_STYLE;
  for (guint i = 0; labels[i] != NULL; i++)
    g_ptr_array_add (list->children, _byline_yaml_node_from_string (labels[i]));

  _byline_metadata_set_extra_node (metadata, "labels", list);
}
