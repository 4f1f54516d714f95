/* byline-publisher-publish.c
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

#include "byline-front-matter.h"
#include "byline-publisher-private.h"
#include "byline-record-diff.h"
#include "byline-review.h"
#include "byline-tid.h"
#include "byline-validator.h"

/*
 * Publishing an article's text: check its front matter, upload the cover, have the
 * announcement posted, then write the record, and report a change made elsewhere.
 */

static void
publish_free (Publish *state)
{
  g_clear_object (&state->metadata);
  g_free (state->body);
  g_clear_object (&state->base_dir);
  g_free (state->rkey);
  g_free (state->swap);
  g_clear_pointer (&state->cover_blob, json_object_unref);
  g_free (state->url);
  g_free (state->last_published);
  g_free (state->new_post_uri);
  g_clear_pointer (&state->record, json_object_unref);
  g_clear_error (&state->error);
  g_clear_pointer (&state->images, g_ptr_array_unref);
  g_free (state);
}

static void
publish_completed_cb (BylinePublisher *self)
{
  _byline_publisher_set_step (self, BYLINE_PUBLISH_STEP_NONE);
}

static char *
dup_time_or_unknown (const char *iso8601)
{
  char *formatted = byline_publisher_format_time (iso8601, NULL);

  if (formatted != NULL)
    return formatted;
  if (iso8601 != NULL)
    return g_strdup (iso8601);

  return g_strdup (_("at an unknown time"));
}

static void
conflict_record_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylinePublisher *self = g_task_get_source_object (task);
  Publish *state = g_task_get_task_data (task);
  g_autoptr(JsonObject) remote = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, NULL);
  JsonObject *value = NULL;
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->conflict, json_object_unref);
  if (remote != NULL && json_object_has_member (remote, "value") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (remote, "value")))
    value = json_object_get_object_member (remote, "value");

  /* The record's own updatedAt is only what its writer declared: what differs is what the
   * writer needs to choose. */
  if (value != NULL && state->record != NULL)
    {
      self->conflict = json_object_ref (remote);
      summary = byline_record_diff_describe (state->record, value, state->last_published);
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_SWAP,
                               _("The published record was changed elsewhere since this "
                                 "article last published it.\n\n%s"), summary);
      return;
    }

  {
    g_autofree char *local_shown = dup_time_or_unknown (state->last_published);

    g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_SWAP,
                             _("The published record was changed elsewhere since this "
                               "article last published it (%s)."), local_shown);
  }
}

/* The record changed elsewhere: read it, to tell the writer when. */
void
_byline_publisher_read_conflict (GTask *task)
{
  BylinePublisher *self = g_task_get_source_object (task);
  Publish *state = g_task_get_task_data (task);

  _byline_publisher_set_step (self, BYLINE_PUBLISH_STEP_READING_CONFLICT);
  byline_xrpc_client_get_record_async (self->client, byline_xrpc_client_get_did (self->client),
                                       BYLINE_DOCUMENT_COLLECTION, state->rkey,
                                       g_task_get_cancellable (task), conflict_record_cb,
                                       g_object_ref (task));
}

static void
put_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineXrpcClient *client = BYLINE_XRPC_CLIENT (object);
  Publish *state = g_task_get_task_data (task);
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (client, result, &state->error);
  const char *uri;
  const char *cid;

  if (answer == NULL)
    {
      /* Take back an announcement made for this attempt, so nothing points at a record that
       * was not written. */
      if (state->new_post_uri != NULL)
        {
          _byline_publisher_take_back_post (g_object_ref (task));
          return;
        }
      if (g_error_matches (state->error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_SWAP))
        {
          _byline_publisher_read_conflict (task);
          return;
        }
      g_task_return_error (task, g_steal_pointer (&state->error));
      return;
    }

  uri = json_object_get_string_member_with_default (answer, "uri", NULL);
  cid = json_object_get_string_member_with_default (answer, "cid", NULL);
  if (uri == NULL || cid == NULL)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_RESPONSE,
                               _("The server did not say where it stored the record."));
      return;
    }

  /* Byline asks for validation, so anything but "valid" means the PDS did not check the
   * record against its lexicon. */
  if (g_strcmp0 (json_object_get_string_member_with_default (answer, "validationStatus", "valid"),
                 "valid") != 0)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_RECORD_REJECTED,
                               _("The server stored the record without validating it (%s)."),
                               json_object_get_string_member (answer, "validationStatus"));
      return;
    }

  byline_metadata_set_record_uri (state->metadata, uri);
  byline_metadata_set_record_cid (state->metadata, cid);
  g_task_return_pointer (task, g_object_ref (state->metadata), g_object_unref);
}

static void upload_next_image (GTask *task);

static void
image_uploaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Publish *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) blob = byline_xrpc_client_upload_blob_finish (BYLINE_XRPC_CLIENT (object),
                                                                      result, &error);

  if (blob == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  state->n_images_uploaded++;
  upload_next_image (task);
}

static void
upload_next_image (GTask *task)
{
  BylinePublisher *self = g_task_get_source_object (task);
  Publish *state = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  GFile *file;

  if (state->n_images_uploaded >= state->images->len)
    {
      _byline_publisher_step_put (task);
      return;
    }

  /* The record's export read each of them a moment ago (and checked it is an image). */
  file = g_ptr_array_index (state->images, state->n_images_uploaded);
  name = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("Could not read the image %s: %s"), name, error->message);
      g_object_unref (task);
      return;
    }
  content_type = g_content_type_guess (name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  mime = g_content_type_get_mime_type (content_type);

  byline_xrpc_client_upload_blob_async (self->client, bytes, mime ? mime : "application/octet-stream",
                                        g_task_get_cancellable (task), image_uploaded_cb, task);
}

/* The site's publication, read to choose the content format. */
static void
publication_format_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  Publish *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, &error);
  JsonObject *value = NULL;

  if (answer != NULL && json_object_has_member (answer, "value") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (answer, "value")))
    value = json_object_get_object_member (answer, "value");
  if (value == NULL)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_FAILED,
                               _("Could not read the publication %s to choose the article’s "
                                 "content format: %s. Name one with contentFormat in the front "
                                 "matter."),
                               byline_metadata_get_site (state->metadata),
                               error ? error->message : _("the server sent no record"));
      g_object_unref (task);
      return;
    }

  /* Written down, so the article says what it is published as, and the next publish need
   * not ask again. */
  if (byline_publication_is_leaflet (value))
    byline_metadata_set_string (state->metadata, BYLINE_METADATA_FIELD_CONTENT_FORMAT, "leaflet");

  _byline_publisher_step_put (task);
}

/* Whether the article leaves its content format to its publication: it names none (nor does
 * this publish), keeps no imported `content`, and its site is a publication record. */
static gboolean
format_from_publication (Publish  *state,
                         char    **did,
                         char    **collection,
                         char    **rkey)
{
  JsonObject *kept = byline_metadata_get_record_fields (state->metadata);

  if (state->flags & (BYLINE_PUBLISH_FLAGS_CONTENT_MARKDOWN | BYLINE_PUBLISH_FLAGS_CONTENT_LEAFLET |
                      BYLINE_PUBLISH_FLAGS_CONTENT_NONE))
    return FALSE;
  if (byline_metadata_get_string (state->metadata, BYLINE_METADATA_FIELD_CONTENT_FORMAT) != NULL)
    return FALSE;
  if (kept != NULL && json_object_has_member (kept, "content"))
    return FALSE;

  return byline_xrpc_parse_at_uri (byline_metadata_get_site (state->metadata), did, collection,
                                   rkey) &&
         g_strcmp0 (*collection, BYLINE_PUBLICATION_COLLECTION) == 0;
}

void
_byline_publisher_step_put (GTask *task)
{
  BylinePublisher *self = g_task_get_source_object (task);
  Publish *state = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  /* An article that names no content format is written as its publication's readers read
   * it: Leaflet blocks for a Leaflet publication, Markdown otherwise. */
  if (!state->format_chosen)
    {
      g_autofree char *did = NULL;
      g_autofree char *collection = NULL;
      g_autofree char *rkey = NULL;

      state->format_chosen = TRUE;
      if (format_from_publication (state, &did, &collection, &rkey))
        {
          byline_xrpc_client_get_record_async (self->client, did, collection, rkey,
                                               g_task_get_cancellable (task),
                                               publication_format_cb, task);
          return;
        }
    }

  /* The body's images go up first: the record refers to them as blobs. */
  if (!state->images_listed)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_problem_free);
      g_autoptr(JsonNode) listed = NULL;

      state->images_listed = TRUE;
      state->images = g_ptr_array_new_with_free_func (g_object_unref);
      listed = _byline_record_build_full (state->metadata, state->body, strlen (state->body),
                                          state->base_dir, _byline_publisher_record_flags (state->flags),
                                          problems, state->images);
      /* An image that cannot go up is not left out silently. */
      for (guint i = 0; i < problems->len; i++)
        {
          BylineProblem *problem = g_ptr_array_index (problems, i);

          if (problem->severity == BYLINE_PROBLEM_ERROR && g_strcmp0 (problem->field, "content") == 0)
            {
              g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_RECORD_REJECTED,
                                       "%s", problem->message);
              g_object_unref (task);
              return;
            }
        }
      upload_next_image (task);
      return;
    }

  g_clear_pointer (&state->record, json_object_unref);
  state->record = byline_publisher_build_record_full (state->metadata, state->body, state->cover_blob,
                                                      state->base_dir, state->flags, NULL);
  json_node_set_object (node, state->record);
  json = json_to_string (node, FALSE);
  if (strlen (json) >= 1000000)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_RECORD_REJECTED,
                               _("The record is %zu bytes of JSON; a PDS accepts less than "
                                 "1,000,000."), strlen (json));
      g_object_unref (task);
      return;
    }

  /* Once the record is sent, the publish runs to its end: a write interrupted on the way
   * may still land on the server, and the article must then learn its address. */
  g_task_set_check_cancellable (task, FALSE);
  _byline_publisher_set_step (self, BYLINE_PUBLISH_STEP_WRITING_RECORD);
  byline_xrpc_client_put_record_async (self->client, BYLINE_DOCUMENT_COLLECTION, state->rkey,
                                       state->record,
                                       (state->flags & BYLINE_PUBLISH_FLAGS_OVERWRITE) ? NULL
                                                                                       : state->swap,
                                       NULL, put_cb, task);
}

static void
upload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Publish *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  state->cover_blob = byline_xrpc_client_upload_blob_finish (BYLINE_XRPC_CLIENT (object), result,
                                                             &error);
  if (state->cover_blob == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  _byline_publisher_step_announce (task);
}

static void
cover_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  BylinePublisher *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *name = g_file_get_parse_name (G_FILE (object));

  if (bytes == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("Could not read the cover image %s: %s"), name, error->message);
      g_object_unref (task);
      return;
    }
  if (g_bytes_get_size (bytes) > BYLINE_MAX_BLOB_SIZE)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_BLOB_TOO_LARGE,
                               _("The cover image is %zu bytes; a cover may have at most "
                                 "1,000,000."), g_bytes_get_size (bytes));
      g_object_unref (task);
      return;
    }

  content_type = g_content_type_guess (name, g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), NULL);
  mime = g_content_type_get_mime_type (content_type);
  if (mime == NULL || !g_str_has_prefix (mime, "image/"))
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_RECORD_REJECTED,
                               _("The cover %s is not an image."), name);
      g_object_unref (task);
      return;
    }

  byline_xrpc_client_upload_blob_async (self->client, bytes, mime, g_task_get_cancellable (task),
                                        upload_cb, task);
}

static gboolean
prepare (BylinePublisher  *self,
         Publish          *state,
         GError          **error)
{
  const char *uri = byline_metadata_get_record_uri (state->metadata);
  const char *did = byline_xrpc_client_get_did (self->client);
  g_autofree char *record_did = NULL;
  g_autofree char *collection = NULL;

  if (byline_metadata_get_title (state->metadata) == NULL
      || byline_metadata_get_site (state->metadata) == NULL)
    {
      g_set_error_literal (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_RECORD_REJECTED,
                           _("The article needs a title and a site before it can be published."));
      return FALSE;
    }

  if (uri != NULL)
    {
      if (!byline_xrpc_parse_at_uri (uri, &record_did, &collection, &state->rkey)
          || g_strcmp0 (collection, BYLINE_DOCUMENT_COLLECTION) != 0
          || !byline_tid_is_valid (state->rkey))
        {
          g_set_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_FAILED,
                       _("The article’s record address “%s” is not a document record."), uri);
          return FALSE;
        }
      if (g_strcmp0 (record_did, did) != 0)
        {
          g_set_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_AUTHENTICATION,
                       _("This article belongs to the account %s; sign in with it to publish."),
                       record_did);
          return FALSE;
        }
      state->swap = g_strdup (byline_metadata_get_record_cid (state->metadata));
      state->last_published = g_strdup (byline_metadata_get_updated_at (state->metadata));
      if (state->last_published == NULL)
        state->last_published = g_strdup (byline_metadata_get_published_at (state->metadata));
      /* A new version: updatedAt says when, and readers see the edit. */
      {
        g_autofree char *now = _byline_publisher_now_datetime ();

        byline_metadata_set_updated_at (state->metadata, now);
      }
    }
  else
    {
      state->rkey = byline_tid_next ();
    }

  if (byline_metadata_get_published_at (state->metadata) == NULL)
    {
      g_autofree char *now = _byline_publisher_now_datetime ();

      byline_metadata_set_published_at (state->metadata, now);
    }

  return TRUE;
}

/**
 * byline_publisher_publish_async:
 * @self: a publisher
 * @text: the whole article, front matter and Markdown
 * @base_dir: (nullable): the article's folder, for a cover image given as a relative path
 * @flags: what else to do
 * @cancellable: (nullable): a cancellable
 * @callback: called when published
 * @user_data: data for @callback
 *
 * Uploads the cover, optionally announces the article on Bluesky, and writes the record with
 * `putRecord` under the article's TID record key, with `swapRecord` set to the last published
 * CID so that a change made elsewhere fails with %BYLINE_XRPC_ERROR_INVALID_SWAP. Nothing is
 * written to the article: the caller stores the returned metadata.
 *
 * Cancelling @cancellable stops the cover upload and anything else still reading; an
 * announcement being posted is taken back. Once the record itself is being written
 * (%BYLINE_PUBLISH_STEP_WRITING_RECORD), the publish is no longer cancelled: it reports
 * the record it wrote, so that the article keeps its address. [property@Publisher:step]
 * follows the steps.
 */
void
byline_publisher_publish_async (BylinePublisher     *self,
                                GBytes              *text,
                                GFile               *base_dir,
                                BylinePublishFlags   flags,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Publish *state;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize len;
  gsize body_offset = 0;
  const char *cover;

  g_return_if_fail (BYLINE_IS_PUBLISHER (self));
  g_return_if_fail (text != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_publisher_publish_async);
  state = g_new0 (Publish, 1);
  state->flags = flags;
  state->base_dir = base_dir ? g_object_ref (base_dir) : NULL;
  g_task_set_task_data (task, state, (GDestroyNotify)publish_free);

  data = g_bytes_get_data (text, &len);
  if (!byline_review_check (data, len, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  state->metadata = byline_front_matter_parse (data, len, &body_offset, &error);
  if (state->metadata == NULL || !prepare (self, state, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  state->body = g_strndup (data + body_offset, len - body_offset);

  /* An edit that would never reach readers is not published. */
  if (!byline_record_check_content (state->metadata, state->body, len - body_offset,
                                    _byline_publisher_record_flags (flags), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  cover = byline_metadata_get_cover_image (state->metadata);
  self->n_started = 0;
  self->n_steps = 1;
  if (cover != NULL && *cover != '\0')
    self->n_steps++;
  if ((flags & BYLINE_PUBLISH_FLAGS_ANNOUNCE)
      && byline_metadata_get_bsky_post_uri (state->metadata) == NULL)
    self->n_steps++;
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (publish_completed_cb), self,
                           G_CONNECT_SWAPPED);

  if (cover != NULL && *cover != '\0')
    {
      g_autoptr(GFile) file = NULL;
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_problem_free);
      g_autofree char *scheme = g_uri_parse_scheme (cover);

      if (state->base_dir == NULL && !g_path_is_absolute (cover) &&
          (scheme == NULL || strlen (scheme) < 2))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                   _("Save the article first: its cover image %s is given "
                                     "relative to the article’s folder."), cover);
          g_object_unref (task);
          return;
        }

      /* A web address is no file to upload: the validator says so in words. */
      if (!(file = byline_validator_resolve_cover (problems, cover, state->base_dir)))
        {
          BylineProblem *problem = g_ptr_array_index (problems, 0);

          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                   "%s", problem->message);
          g_object_unref (task);
          return;
        }
      _byline_publisher_set_step (self, BYLINE_PUBLISH_STEP_UPLOADING_COVER);
      g_file_load_bytes_async (file, cancellable, cover_loaded_cb, task);
      return;
    }

  if (byline_metadata_get_cover_blob (state->metadata) != NULL)
    state->cover_blob = json_object_ref (byline_metadata_get_cover_blob (state->metadata));
  _byline_publisher_step_announce (task);
}

/**
 * byline_publisher_publish_finish:
 * @self: a publisher
 * @result: the result
 * @record: (out) (optional) (transfer full): the record as written
 * @error: return location for an error
 *
 * Returns: (transfer full): the article's metadata with the record URI and CID (and the
 *   announcement's strong ref) filled in, for the front matter
 */
BylineMetadata *
byline_publisher_publish_finish (BylinePublisher  *self,
                                 GAsyncResult     *result,
                                 JsonObject      **record,
                                 GError          **error)
{
  BylineMetadata *metadata;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  metadata = g_task_propagate_pointer (G_TASK (result), error);
  if (record != NULL)
    {
      Publish *state = g_task_get_task_data (G_TASK (result));

      *record = metadata != NULL && state->record ? json_object_ref (state->record) : NULL;
    }

  return metadata;
}
