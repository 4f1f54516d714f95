/* byline-publication-themes.c
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

#define G_LOG_DOMAIN "byline-publication-themes"

#include "config.h"

#include <string.h>

#include "byline-publication-themes.h"
#include "byline-publisher.h"
#include "byline-xrpc-client.h"

/*
 * The colours of the publications articles name as their site (`site.standard.theme.basic`),
 * for the "publication" theme. Asking never waits: what is known is answered at once, what
 * is not is read from the network in the background and "changed" says when it arrives. What
 * was read is kept in the cache folder, so that the look is there at once next time, and
 * read again once per session in case the publication changed its colours.
 */

#define RETRY_SECONDS 300

struct _BylinePublicationThemes
{
  GObject           parent_instance;

  GHashTable       *themes;    /* site -> JsonObject (basicTheme), or NULL for none */
  GHashTable       *fetched;   /* site -> monotonic time of the last fetch started */
  BylineXrpcClient *client;
  BylinePublisher  *publisher;
  GFile            *cache;
  gboolean          cache_loaded;
};

G_DEFINE_FINAL_TYPE (BylinePublicationThemes, byline_publication_themes, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
save_cache (BylinePublicationThemes *self)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (self->cache);
  char *text;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->themes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL)
      json_object_set_object_member (root, key, json_object_ref (value));

  node = json_node_init_object (json_node_alloc (), root);
  text = json_to_string (node, FALSE);
  bytes = g_bytes_new_take (text, strlen (text));
  g_file_make_directory_with_parents (parent, NULL, NULL);
  g_file_replace_contents_bytes_async (self->cache, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, NULL);
}

static void
set_theme (BylinePublicationThemes *self,
           const char              *site,
           JsonObject              *theme)
{
  JsonObject *old = g_hash_table_lookup (self->themes, site);

  if (old == theme || (old != NULL && theme != NULL && json_object_equal (old, theme)))
    {
      g_hash_table_insert (self->themes, g_strdup (site), theme ? json_object_ref (theme) : NULL);
      return;
    }

  g_hash_table_insert (self->themes, g_strdup (site), theme ? json_object_ref (theme) : NULL);
  g_signal_emit (self, signals[CHANGED], 0, site);
}

static void
publication_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BylinePublicationThemes *self = byline_publication_themes_get_default ();
  g_autofree char *site = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) publication = byline_publisher_get_publication_finish (BYLINE_PUBLISHER (object),
                                                                               result, &error);
  JsonObject *theme = NULL;

  if (publication == NULL)
    {
      /* Offline, or gone: what the cache had stays; asked again later. */
      g_debug ("No colours for %s: %s", site, error->message);
      return;
    }

  if (json_object_has_member (publication, "basicTheme") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (publication, "basicTheme")))
    theme = json_object_get_object_member (publication, "basicTheme");

  set_theme (self, site, theme);
  save_cache (self);
}

static void
fetch (BylinePublicationThemes *self,
       const char              *site)
{
  g_autoptr(GTask) marker = NULL;

  g_hash_table_insert (self->fetched, g_strdup (site),
                       GINT_TO_POINTER ((int)(g_get_monotonic_time () / G_USEC_PER_SEC)));

  if (self->client == NULL)
    {
      self->client = byline_xrpc_client_new (NULL);
      if (g_getenv ("BYLINE_PLC_DIRECTORY") != NULL)
        byline_xrpc_client_set_plc_directory (self->client, g_getenv ("BYLINE_PLC_DIRECTORY"));
      self->publisher = byline_publisher_new (self->client);
    }

  byline_publisher_get_publication_async (self->publisher, site, NULL, publication_cb,
                                          g_strdup (site));
}

static void
cache_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BylinePublicationThemes) self = user_data;
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize length;

  self->cache_loaded = TRUE;
  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, NULL))
    return;

  root = json_from_string (contents, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  {
    JsonObject *object_root = json_node_get_object (root);
    g_autoptr(GList) members = json_object_get_members (object_root);

    for (GList *l = members; l != NULL; l = l->next)
      {
        JsonNode *node = json_object_get_member (object_root, l->data);

        /* What the network said this session is newer. */
        if (JSON_NODE_HOLDS_OBJECT (node) && !g_hash_table_contains (self->themes, l->data))
          set_theme (self, l->data, json_node_get_object (node));
      }
  }
}

/* A publication without colours is kept as NULL: known, and without. */
static void
theme_unref0 (gpointer theme)
{
  if (theme != NULL)
    json_object_unref (theme);
}

static void
byline_publication_themes_finalize (GObject *object)
{
  BylinePublicationThemes *self = (BylinePublicationThemes *)object;

  g_clear_pointer (&self->themes, g_hash_table_unref);
  g_clear_pointer (&self->fetched, g_hash_table_unref);
  g_clear_object (&self->publisher);
  g_clear_object (&self->client);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (byline_publication_themes_parent_class)->finalize (object);
}

static void
byline_publication_themes_class_init (BylinePublicationThemesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_publication_themes_finalize;

  /**
   * BylinePublicationThemes::changed:
   * @site: the publication whose colours are now known (or changed)
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
byline_publication_themes_init (BylinePublicationThemes *self)
{
  self->themes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, theme_unref0);
  self->fetched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cache = g_file_new_build_filename (g_get_user_cache_dir (), APP_ID,
                                           "publication-themes.json", NULL);
  g_file_load_contents_async (self->cache, NULL, cache_loaded_cb, g_object_ref (self));
}

/**
 * byline_publication_themes_get_default:
 *
 * Returns: (transfer none): the application's publication colours
 */
BylinePublicationThemes *
byline_publication_themes_get_default (void)
{
  static BylinePublicationThemes *instance;

  if (instance == NULL)
    instance = g_object_new (BYLINE_TYPE_PUBLICATION_THEMES, NULL);

  return instance;
}

/**
 * byline_publication_themes_lookup:
 * @self: the publication colours
 * @site: (nullable): an article's `site`
 *
 * The colours of @site if it is a publication whose colours are known. Never waits: the
 * first time a publication is asked for in a session (and again after a failure, a few
 * minutes later), its record is read in the background and "changed" follows.
 *
 * Returns: (transfer none) (nullable): its `basicTheme`, or %NULL
 */
JsonObject *
byline_publication_themes_lookup (BylinePublicationThemes *self,
                                  const char              *site)
{
  g_autofree char *collection = NULL;
  gpointer started;

  g_return_val_if_fail (BYLINE_IS_PUBLICATION_THEMES (self), NULL);

  if (site == NULL || !byline_xrpc_parse_at_uri (site, NULL, &collection, NULL) ||
      g_strcmp0 (collection, "site.standard.publication") != 0)
    return NULL;

  if (!g_hash_table_lookup_extended (self->fetched, site, NULL, &started) ||
      (!g_hash_table_contains (self->themes, site) &&
       g_get_monotonic_time () / G_USEC_PER_SEC - GPOINTER_TO_INT (started) > RETRY_SECONDS))
    fetch (self, site);

  return g_hash_table_lookup (self->themes, site);
}
