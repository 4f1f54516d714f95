/* byline-publisher-announce.c
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

#define G_LOG_DOMAIN "byline-publisher"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-publisher-private.h"

/*
 * Announcing an article on Bluesky: a post that links to it, made once before the record
 * is written, and taken back if the record is not.
 */

/* Ends the publish with its error (a conflict is reported with the record that won), and
 * drops the reference to @task it was given. */
static void
fail_publish (GTask *task)
{
  Publish *state = g_task_get_task_data (task);

  if (g_error_matches (state->error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_SWAP))
    _byline_publisher_read_conflict (task);
  else
    g_task_return_error (task, g_steal_pointer (&state->error));

  g_object_unref (task);
}

static void
rollback_post_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, &error);

  if (answer == NULL)
    g_warning ("Could not remove the announcement of a failed publish: %s", error->message);

  fail_publish (g_steal_pointer (&task));
}

/* Deletes the announcement this publish posted, then fails with the publish's error. */
void
_byline_publisher_take_back_post (GTask *task)
{
  BylinePublisher *self = g_task_get_source_object (task);
  Publish *state = g_task_get_task_data (task);
  g_autofree char *rkey = NULL;

  /* Without the post's address there is nothing to delete. */
  if (state->new_post_uri == NULL ||
      !byline_xrpc_parse_at_uri (state->new_post_uri, NULL, NULL, &rkey) || rkey == NULL)
    {
      fail_publish (task);
      return;
    }

  byline_xrpc_client_delete_record_async (self->client, BYLINE_POST_COLLECTION, rkey, NULL, NULL,
                                          rollback_post_cb, task);
}

static void
post_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Publish *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, &error);

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  state->new_post_uri = g_strdup (json_object_get_string_member_with_default (answer, "uri", NULL));
  byline_metadata_set_bsky_post_uri (state->metadata, state->new_post_uri);
  byline_metadata_set_bsky_post_cid (state->metadata,
                                     json_object_get_string_member_with_default (answer, "cid", NULL));

  /* Cancelled while the post was written: take it back rather than leave it pointing at
   * nothing. */
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &state->error))
    {
      _byline_publisher_take_back_post (task);
      return;
    }

  _byline_publisher_step_put (task);
}

static void
create_post (GTask *task)
{
  BylinePublisher *self = g_task_get_source_object (task);
  Publish *state = g_task_get_task_data (task);
  g_autoptr(JsonObject) post = json_object_new ();
  g_autofree char *now = _byline_publisher_now_datetime ();
  const char *title = byline_metadata_get_title (state->metadata);
  const char *description = byline_metadata_get_description (state->metadata);
  JsonObject *embed = json_object_new ();
  JsonObject *external = json_object_new ();

  json_object_set_string_member (external, "uri", state->url);
  json_object_set_string_member (external, "title", title ? title : "");
  json_object_set_string_member (external, "description", description ? description : "");
  if (state->cover_blob != NULL)
    json_object_set_object_member (external, "thumb", json_object_ref (state->cover_blob));
  json_object_set_string_member (embed, "$type", "app.bsky.embed.external");
  json_object_set_object_member (embed, "external", external);

  json_object_set_string_member (post, "$type", BYLINE_POST_COLLECTION);
  json_object_set_string_member (post, "text", title ? title : "");
  json_object_set_string_member (post, "createdAt", now);
  json_object_set_object_member (post, "embed", embed);

  /* Not interrupted half-way either: post_cb takes the post back if cancelled meanwhile. */
  byline_xrpc_client_create_record_async (self->client, BYLINE_POST_COLLECTION, post,
                                          NULL, post_cb, task);
}

static void
set_url (Publish    *state,
         const char *base)
{
  const char *path = byline_metadata_get_path (state->metadata);
  g_autofree char *stripped = g_strdup (base);

  while (*stripped && g_str_has_suffix (stripped, "/"))
    stripped[strlen (stripped) - 1] = '\0';
  state->url = g_strconcat (stripped, path ? path : "", NULL);
}

static void
publication_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  Publish *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, &error);
  JsonObject *value;
  const char *url = NULL;

  if (answer != NULL && json_object_has_member (answer, "value")
      && (value = json_object_get_object_member (answer, "value")) != NULL)
    url = json_object_get_string_member_with_default (value, "url", NULL);
  if (url == NULL)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_FAILED,
                               _("Could not read the publication’s address for the "
                                 "announcement: %s"), error ? error->message : _("no url"));
      g_object_unref (task);
      return;
    }

  set_url (state, url);
  create_post (task);
}

void
_byline_publisher_step_announce (GTask *task)
{
  BylinePublisher *self = g_task_get_source_object (task);
  Publish *state = g_task_get_task_data (task);
  const char *site = byline_metadata_get_site (state->metadata);
  g_autofree char *did = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *rkey = NULL;

  if (!(state->flags & BYLINE_PUBLISH_FLAGS_ANNOUNCE)
      || byline_metadata_get_bsky_post_uri (state->metadata) != NULL)
    {
      _byline_publisher_step_put (task);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  _byline_publisher_set_step (self, BYLINE_PUBLISH_STEP_ANNOUNCING);
  if (byline_xrpc_parse_at_uri (site, &did, &collection, &rkey))
    {
      byline_xrpc_client_get_record_async (self->client, did, collection, rkey,
                                           g_task_get_cancellable (task), publication_cb, task);
      return;
    }

  set_url (state, site);
  create_post (task);
}
