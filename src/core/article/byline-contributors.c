/* byline-contributors.c
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

#define G_LOG_DOMAIN "byline-contributors"

#include "config.h"

#include "byline-contributors.h"
#include "byline-metadata-private.h"
#include "byline-yaml-private.h"

/*
 * The front matter's `contributors` list, as the side panel edits it. The list stays an
 * unknown key of the metadata (the record export reads and checks it there); this gives it
 * a shape to edit: each item a mapping of did, role and displayName, in that order.
 */

G_DEFINE_BOXED_TYPE (BylineContributor, byline_contributor,
                     byline_contributor_copy, byline_contributor_free)

/**
 * byline_contributor_new:
 * @did: (nullable): the contributor's DID
 * @role: (nullable): their role
 * @display_name: (nullable): their name
 *
 * Returns: (transfer full): a new #BylineContributor; empty strings are taken as %NULL
 */
BylineContributor *
byline_contributor_new (const char *did,
                        const char *role,
                        const char *display_name)
{
  BylineContributor *self = g_new0 (BylineContributor, 1);

  self->did = did && *did ? g_strdup (did) : NULL;
  self->role = role && *role ? g_strdup (role) : NULL;
  self->display_name = display_name && *display_name ? g_strdup (display_name) : NULL;

  return self;
}

BylineContributor *
byline_contributor_copy (const BylineContributor *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return byline_contributor_new (self->did, self->role, self->display_name);
}

void
byline_contributor_free (BylineContributor *self)
{
  if (self == NULL)
    return;

  g_free (self->did);
  g_free (self->role);
  g_free (self->display_name);
  g_free (self);
}

static const char *
mapping_string (const BylineYamlNode *mapping,
                const char           *key)
{
  for (guint i = 0; mapping->children != NULL && i + 1 < mapping->children->len; i += 2)
    {
      const BylineYamlNode *name = g_ptr_array_index (mapping->children, i);
      const BylineYamlNode *value = g_ptr_array_index (mapping->children, i + 1);

      if (name->kind == BYLINE_YAML_SCALAR && g_strcmp0 (name->value, key) == 0)
        return value->kind == BYLINE_YAML_SCALAR ? value->value : NULL;
    }

  return NULL;
}

/**
 * byline_metadata_dup_contributors:
 * @metadata: a #BylineMetadata
 *
 * The contributors of the front matter, in order; an item that is not a mapping is left out.
 *
 * Returns: (transfer container) (element-type BylineContributor): the contributors, perhaps
 *   none
 */
GPtrArray *
byline_metadata_dup_contributors (BylineMetadata *metadata)
{
  GPtrArray *contributors;
  const BylineYamlNode *list;

  g_return_val_if_fail (BYLINE_IS_METADATA (metadata), NULL);

  contributors = g_ptr_array_new_with_free_func ((GDestroyNotify)byline_contributor_free);
  list = _byline_metadata_get_extra_node (metadata, "contributors");
  if (list == NULL || list->kind != BYLINE_YAML_SEQUENCE || list->children == NULL)
    return contributors;

  for (guint i = 0; i < list->children->len; i++)
    {
      const BylineYamlNode *item = g_ptr_array_index (list->children, i);

      if (item->kind != BYLINE_YAML_MAPPING)
        continue;
      g_ptr_array_add (contributors,
                       byline_contributor_new (mapping_string (item, "did"),
                                               mapping_string (item, "role"),
                                               mapping_string (item, "displayName")));
    }

  return contributors;
}

static void
add_pair (BylineYamlNode *mapping,
          const char     *key,
          const char     *value)
{
  if (value == NULL)
    return;

  g_ptr_array_add (mapping->children, _byline_yaml_node_from_string (key));
  g_ptr_array_add (mapping->children, _byline_yaml_node_from_string (value));
}

/**
 * byline_metadata_set_contributors:
 * @metadata: a #BylineMetadata
 * @contributors: (nullable) (element-type BylineContributor): the contributors, in order
 *
 * Sets the front matter's `contributors` where the key stands, or adds it last; none
 * removes the key.
 */
void
byline_metadata_set_contributors (BylineMetadata *metadata,
                                  GPtrArray      *contributors)
{
  BylineYamlNode *list;

  g_return_if_fail (BYLINE_IS_METADATA (metadata));

  if (contributors == NULL || contributors->len == 0)
    {
      _byline_metadata_set_extra_node (metadata, "contributors", NULL);
      return;
    }

  list = _byline_yaml_node_new (BYLINE_YAML_SEQUENCE);
  list->style = YAML_BLOCK_SEQUENCE_STYLE;
  for (guint i = 0; i < contributors->len; i++)
    {
      const BylineContributor *contributor = g_ptr_array_index (contributors, i);
      BylineYamlNode *item = _byline_yaml_node_new (BYLINE_YAML_MAPPING);

      item->style = YAML_BLOCK_MAPPING_STYLE;
      add_pair (item, "did", contributor->did);
      add_pair (item, "role", contributor->role);
      add_pair (item, "displayName", contributor->display_name);
      g_ptr_array_add (list->children, item);
    }

  _byline_metadata_set_extra_node (metadata, "contributors", list);
}
