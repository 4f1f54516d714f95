/* byline-publisher.c
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
#include "byline-record.h"
#include "byline-validator.h"

/*
 * The publisher itself: its progress, the record it builds, publishing an article file and
 * taking a record down. Publishing the text, announcing it and the account's publications
 * live in the files next to this one.
 */

enum {
  PROP_0,
  PROP_STEP,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GFile              *article;
  char               *text;
  gsize               length;
  char               *etag;
  char               *new_text;
  BylineMetadata     *metadata;
  BylinePublishFlags  flags;
} PublishFile;

G_DEFINE_ENUM_TYPE (BylinePublishStep, byline_publish_step,
                    G_DEFINE_ENUM_VALUE (BYLINE_PUBLISH_STEP_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (BYLINE_PUBLISH_STEP_UPLOADING_COVER, "uploading-cover"),
                    G_DEFINE_ENUM_VALUE (BYLINE_PUBLISH_STEP_ANNOUNCING, "announcing"),
                    G_DEFINE_ENUM_VALUE (BYLINE_PUBLISH_STEP_WRITING_RECORD, "writing-record"),
                    G_DEFINE_ENUM_VALUE (BYLINE_PUBLISH_STEP_READING_CONFLICT, "reading-conflict"))

G_DEFINE_FINAL_TYPE (BylinePublisher, byline_publisher, G_TYPE_OBJECT)

static void
publish_file_free (PublishFile *state)
{
  g_clear_object (&state->article);
  g_free (state->text);
  g_free (state->etag);
  g_free (state->new_text);
  g_clear_object (&state->metadata);
  g_free (state);
}

/* Every step but reading a conflict is planned when the publish starts, and counts towards
 * the fraction done. */
void
_byline_publisher_set_step (BylinePublisher   *self,
                            BylinePublishStep  step)
{
  if (self->step == step)
    return;

  self->step = step;
  if (step != BYLINE_PUBLISH_STEP_NONE && step != BYLINE_PUBLISH_STEP_READING_CONFLICT)
    self->n_started++;
  if (step == BYLINE_PUBLISH_STEP_NONE)
    self->n_started = self->n_steps = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

char *
_byline_publisher_now_datetime (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.000Z");
}

BylineRecordExportFlags
_byline_publisher_record_flags (BylinePublishFlags flags)
{
  if (flags & BYLINE_PUBLISH_FLAGS_CONTENT_NONE)
    return BYLINE_RECORD_EXPORT_OMIT_CONTENT;
  if (flags & BYLINE_PUBLISH_FLAGS_CONTENT_LEAFLET)
    return BYLINE_RECORD_EXPORT_LEAFLET;
  if (flags & BYLINE_PUBLISH_FLAGS_CONTENT_MARKDOWN)
    return BYLINE_RECORD_EXPORT_MARKDOWN;
  return BYLINE_RECORD_EXPORT_DEFAULT;
}

/**
 * byline_publisher_build_record:
 * @metadata: the article's metadata
 * @body: the Markdown after the front matter
 * @cover_blob: (nullable): the uploaded cover image
 *
 * Builds the `site.standard.document` record that publishing writes.
 *
 * Returns: (transfer full): the record
 */
JsonObject *
byline_publisher_build_record (BylineMetadata *metadata,
                               const char     *body,
                               JsonObject     *cover_blob)
{
  return byline_publisher_build_record_full (metadata, body, cover_blob, NULL, BYLINE_PUBLISH_FLAGS_NONE, NULL);
}

/**
 * byline_publisher_build_record_full:
 * @metadata: the article's metadata
 * @body: the Markdown after the front matter
 * @cover_blob: (nullable): the uploaded cover image
 * @base_dir: (nullable): the article's folder, where the body's images are
 * @flags: the content format among #BylinePublishFlags, if one is chosen
 * @image_files: (nullable) (element-type GFile): where the files of the images the
 *   record refers to as blobs (Leaflet image blocks) are added, to be uploaded
 *
 * Returns: (transfer full): the record
 */
JsonObject *
byline_publisher_build_record_full (BylineMetadata     *metadata,
                                    const char         *body,
                                    JsonObject         *cover_blob,
                                    GFile              *base_dir,
                                    BylinePublishFlags  flags,
                                    GPtrArray          *image_files)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_problem_free);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *record;

  /* The record core builds the record; the caller has validated it already. */
  node = _byline_record_build_full (metadata, body, strlen (body), base_dir,
                                    _byline_publisher_record_flags (flags), problems, image_files);
  record = json_object_ref (json_node_get_object (node));

  /* The uploaded blob replaces whatever the core made of the cover's file name. */
  if (cover_blob != NULL)
    json_object_set_object_member (record, "coverImage", json_object_ref (cover_blob));
  else if (byline_metadata_get_cover_blob (metadata) == NULL)
    json_object_remove_member (record, "coverImage");

  return record;
}

static void
byline_publisher_dispose (GObject *object)
{
  BylinePublisher *self = (BylinePublisher *)object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->conflict, json_object_unref);

  G_OBJECT_CLASS (byline_publisher_parent_class)->dispose (object);
}

static void
byline_publisher_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BylinePublisher *self = BYLINE_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_enum (value, self->step);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, byline_publisher_get_fraction (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_publisher_class_init (BylinePublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_publisher_dispose;
  object_class->get_property = byline_publisher_get_property;

  /**
   * BylinePublisher:step:
   *
   * What the running publish is doing; one publish at a time reports its progress here.
   */
  properties[PROP_STEP] =
    g_param_spec_enum ("step", NULL, NULL,
                       BYLINE_TYPE_PUBLISH_STEP, BYLINE_PUBLISH_STEP_NONE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * BylinePublisher:fraction:
   *
   * The share of the running publish's steps already done, from 0 to 1.
   */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_publisher_init (BylinePublisher *self)
{
}

/**
 * byline_publisher_new:
 * @client: a signed-in client
 *
 * Returns: (transfer full): a publisher writing through @client
 */
BylinePublisher *
byline_publisher_new (BylineXrpcClient *client)
{
  BylinePublisher *self;

  g_return_val_if_fail (BYLINE_IS_XRPC_CLIENT (client), NULL);

  self = g_object_new (BYLINE_TYPE_PUBLISHER, NULL);
  self->client = g_object_ref (client);

  return self;
}

/**
 * byline_publisher_get_conflict:
 *
 * The version a publish found on the server instead of the one the article last published
 * (its error is %BYLINE_XRPC_ERROR_INVALID_SWAP): the answer of `getRecord`, with `uri`,
 * `cid` and the record as `value`.
 *
 * Returns: (transfer none) (nullable): the published version, if the last publish read one
 */
JsonObject *
byline_publisher_get_conflict (BylinePublisher *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), NULL);

  return self->conflict;
}

/**
 * byline_publisher_get_step:
 *
 * Returns: what the running publish is doing
 */
BylinePublishStep
byline_publisher_get_step (BylinePublisher *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), BYLINE_PUBLISH_STEP_NONE);

  return self->step;
}

/**
 * byline_publisher_get_step_label:
 *
 * Returns: (nullable): the running step, in words for the writer
 */
const char *
byline_publisher_get_step_label (BylinePublisher *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), NULL);

  switch (self->step)
    {
    case BYLINE_PUBLISH_STEP_UPLOADING_COVER:
      return _("Uploading cover…");
    case BYLINE_PUBLISH_STEP_ANNOUNCING:
      return _("Posting announcement…");
    case BYLINE_PUBLISH_STEP_WRITING_RECORD:
      return _("Writing record…");
    case BYLINE_PUBLISH_STEP_READING_CONFLICT:
      return _("Reading the published version…");
    case BYLINE_PUBLISH_STEP_NONE:
    default:
      return NULL;
    }
}

/**
 * byline_publisher_get_fraction:
 *
 * Returns: the share of the running publish's steps already done, from 0 to 1
 */
double
byline_publisher_get_fraction (BylinePublisher *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), 0.0);

  if (self->n_steps == 0 || self->n_started == 0)
    return 0.0;

  return (double)(self->n_started - 1) / self->n_steps;
}

/**
 * byline_publisher_format_time:
 * @iso8601: (nullable): a record's timestamp, such as `2026-11-28T13:03:00.000Z`
 * @time_zone: (nullable): where to show it; %NULL for the local time zone
 *
 * Formats a timestamp for the writer to read, such as “28 November 2026, 14:03”.
 *
 * Returns: (transfer full) (nullable): the time in words, or %NULL if @iso8601 is not one
 */
char *
byline_publisher_format_time (const char *iso8601,
                              GTimeZone  *time_zone)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) shown = NULL;

  if (iso8601 == NULL || (parsed = g_date_time_new_from_iso8601 (iso8601, utc)) == NULL)
    return NULL;

  shown = time_zone != NULL ? g_date_time_to_timezone (parsed, time_zone)
                            : g_date_time_to_local (parsed);

  /* Translators: a day and time, as in “28 November 2026, 14:03”; see g_date_time_format()
   * for the codes. */
  return g_date_time_format (shown, _("%-d %B %Y, %H:%M"));
}

static void
file_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishFile *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_task_return_prefixed_error (task, g_steal_pointer (&error),
                                    _("Published as %s, but the article could not be updated: "),
                                    byline_metadata_get_record_uri (state->metadata));
      return;
    }

  g_task_return_pointer (task, g_object_ref (state->metadata), g_object_unref);
}

static void
file_published_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishFile *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  state->metadata = byline_publisher_publish_finish (BYLINE_PUBLISHER (object), result, NULL,
                                                     &error);
  if (state->metadata == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The etag makes the write fail rather than overwrite an edit made while publishing. */
  state->new_text = byline_front_matter_replace (state->text, state->length, state->metadata);
  g_file_replace_contents_async (state->article, state->new_text, strlen (state->new_text),
                                 state->etag, FALSE, G_FILE_CREATE_NONE, NULL, file_written_cb,
                                 g_object_ref (task));
}

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishFile *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = g_file_get_parent (state->article);
  g_autoptr(GBytes) bytes = NULL;

  if (!g_file_load_contents_finish (G_FILE (object), result, &state->text, &state->length,
                                    &state->etag, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_bytes_new_static (state->text, state->length);
  byline_publisher_publish_async (g_task_get_source_object (task), bytes, dir,
                                  state->flags,
                                  g_task_get_cancellable (task), file_published_cb,
                                  g_object_ref (task));
}

/**
 * byline_publisher_publish_file_async:
 * @self: a publisher
 * @article: a Markdown article with front matter
 * @flags: what else to do
 * @cancellable: (nullable): a cancellable
 * @callback: called when published and the article updated
 * @user_data: data for @callback
 *
 * Publishes @article as [method@Publisher.publish_async] does, then stores the record URI
 * and CID in its front matter. A failed publish leaves the file as it was.
 */
void
byline_publisher_publish_file_async (BylinePublisher     *self,
                                     GFile               *article,
                                     BylinePublishFlags   flags,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  PublishFile *state;

  g_return_if_fail (BYLINE_IS_PUBLISHER (self));
  g_return_if_fail (G_IS_FILE (article));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_publisher_publish_file_async);
  state = g_new0 (PublishFile, 1);
  state->article = g_object_ref (article);
  state->flags = flags;
  g_task_set_task_data (task, state, (GDestroyNotify)publish_file_free);
  g_file_load_contents_async (article, cancellable, file_loaded_cb, task);
}

/**
 * byline_publisher_publish_file_finish:
 *
 * Returns: (transfer full): the metadata now in the article's front matter
 */
BylineMetadata *
byline_publisher_publish_file_finish (BylinePublisher  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineMetadata *metadata = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, &error);

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  byline_metadata_set_record_uri (metadata, NULL);
  byline_metadata_set_record_cid (metadata, NULL);
  g_task_return_pointer (task, g_object_ref (metadata), g_object_unref);
}

/**
 * byline_publisher_unpublish_async:
 * @self: a publisher
 * @metadata: the article's metadata, with a record URI
 * @cancellable: (nullable): a cancellable
 * @callback: called when the record is deleted
 * @user_data: data for @callback
 *
 * Deletes the published record with `deleteRecord`, guarded by its last known CID.
 */
void
byline_publisher_unpublish_async (BylinePublisher     *self,
                                  BylineMetadata      *metadata,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  g_autofree char *did = NULL;
  g_autofree char *rkey = NULL;

  g_return_if_fail (BYLINE_IS_PUBLISHER (self));
  g_return_if_fail (BYLINE_IS_METADATA (metadata));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_publisher_unpublish_async);
  g_task_set_task_data (task, byline_metadata_copy (metadata), g_object_unref);
  if (!byline_xrpc_parse_at_uri (byline_metadata_get_record_uri (metadata), &did, NULL, &rkey)
      || g_strcmp0 (did, byline_xrpc_client_get_did (self->client)) != 0)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_NOT_FOUND,
                               _("This article is not published from the signed-in account."));
      g_object_unref (task);
      return;
    }

  byline_xrpc_client_delete_record_async (self->client, BYLINE_DOCUMENT_COLLECTION, rkey,
                                          byline_metadata_get_record_cid (metadata), cancellable,
                                          deleted_cb, task);
}

/**
 * byline_publisher_unpublish_finish:
 *
 * Returns: (transfer full): the metadata without the record URI and CID
 */
BylineMetadata *
byline_publisher_unpublish_finish (BylinePublisher  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
