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

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <glib/gi18n.h>

#include "byline-front-matter.h"
#include "byline-publisher.h"
#include "byline-record.h"
#include "byline-tid.h"
#include "byline-validator.h"

struct _BylinePublisher
{
  GObject           parent_instance;

  /* Owned references */
  BylineXrpcClient *client;

  /* The progress of the running publish */
  BylinePublishStep step;
  guint             n_steps;
  guint             n_started;
};

enum {
  PROP_0,
  PROP_STEP,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  BylineMetadata     *metadata;
  char               *body;
  GFile              *base_dir;
  BylinePublishFlags  flags;
  char               *rkey;
  char               *swap;
  JsonObject         *cover_blob;
  char               *url;
  char               *last_published;
  char               *new_post_uri;
  JsonObject         *record;
  GError             *error;
} Publish;

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

static void step_announce (GTask *task);
static void step_put (GTask *task);

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
  g_free (state);
}

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
static void
set_step (BylinePublisher   *self,
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

static void
publish_completed_cb (BylinePublisher *self)
{
  set_step (self, BYLINE_PUBLISH_STEP_NONE);
}

static char *
now_datetime (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.000Z");
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
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_problem_free);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *record;

  /* The record core builds the record; the caller has validated it already. */
  node = byline_record_build (metadata, body, strlen (body), NULL, BYLINE_RECORD_EXPORT_DEFAULT, problems);
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
 * byline_publisher_get_client:
 *
 * Returns: (transfer none): the client
 */
BylineXrpcClient *
byline_publisher_get_client (BylinePublisher *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISHER (self), NULL);

  return self->client;
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
  Publish *state = g_task_get_task_data (task);
  g_autoptr(JsonObject) remote = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, NULL);
  const char *remote_time = NULL;
  g_autofree char *remote_shown = NULL;
  g_autofree char *local_shown = NULL;

  if (remote != NULL && json_object_has_member (remote, "value"))
    {
      JsonObject *value = json_object_get_object_member (remote, "value");

      remote_time = json_object_get_string_member_with_default (value, "updatedAt", NULL);
      if (remote_time == NULL)
        remote_time = json_object_get_string_member_with_default (value, "publishedAt", NULL);
    }
  remote_shown = dup_time_or_unknown (remote_time);
  local_shown = dup_time_or_unknown (state->last_published);

  g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_SWAP,
                           _("The published record was changed elsewhere (updated %s) since "
                             "this article last published it (updated %s)."),
                           remote_shown, local_shown);
}

static void
rollback_post_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Publish *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, &error);

  if (answer == NULL)
    g_warning ("Could not remove the announcement of a failed publish: %s", error->message);

  if (g_error_matches (state->error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_SWAP))
    {
      BylineXrpcClient *client = BYLINE_XRPC_CLIENT (object);

      set_step (g_task_get_source_object (task), BYLINE_PUBLISH_STEP_READING_CONFLICT);
      byline_xrpc_client_get_record_async (client, byline_xrpc_client_get_did (client),
                                           BYLINE_DOCUMENT_COLLECTION, state->rkey,
                                           g_task_get_cancellable (task), conflict_record_cb,
                                           g_object_ref (task));
      return;
    }

  g_task_return_error (task, g_steal_pointer (&state->error));
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
          g_autofree char *rkey = NULL;

          byline_xrpc_parse_at_uri (state->new_post_uri, NULL, NULL, &rkey);
          byline_xrpc_client_delete_record_async (client, BYLINE_POST_COLLECTION, rkey, NULL, NULL,
                                                  rollback_post_cb, g_object_ref (task));
          return;
        }
      if (g_error_matches (state->error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_SWAP))
        {
          set_step (g_task_get_source_object (task), BYLINE_PUBLISH_STEP_READING_CONFLICT);
          byline_xrpc_client_get_record_async (client, byline_xrpc_client_get_did (client),
                                               BYLINE_DOCUMENT_COLLECTION, state->rkey,
                                               g_task_get_cancellable (task), conflict_record_cb,
                                               g_object_ref (task));
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

static void
step_put (GTask *task)
{
  BylinePublisher *self = g_task_get_source_object (task);
  Publish *state = g_task_get_task_data (task);
  g_autoptr(GBytes) size_check = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  g_clear_pointer (&state->record, json_object_unref);
  state->record = byline_publisher_build_record (state->metadata, state->body, state->cover_blob);
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
  set_step (self, BYLINE_PUBLISH_STEP_WRITING_RECORD);
  byline_xrpc_client_put_record_async (self->client, BYLINE_DOCUMENT_COLLECTION, state->rkey,
                                       state->record,
                                       (state->flags & BYLINE_PUBLISH_FLAGS_OVERWRITE) ? NULL
                                                                                       : state->swap,
                                       NULL, put_cb, task);
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
      g_autofree char *rkey = NULL;

      byline_xrpc_parse_at_uri (state->new_post_uri, NULL, NULL, &rkey);
      byline_xrpc_client_delete_record_async (BYLINE_XRPC_CLIENT (object), BYLINE_POST_COLLECTION,
                                              rkey, NULL, NULL, rollback_post_cb, task);
      return;
    }

  step_put (task);
}

static void
create_post (GTask *task)
{
  BylinePublisher *self = g_task_get_source_object (task);
  Publish *state = g_task_get_task_data (task);
  g_autoptr(JsonObject) post = json_object_new ();
  g_autofree char *now = now_datetime ();
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

static void
step_announce (GTask *task)
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
      step_put (task);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  set_step (self, BYLINE_PUBLISH_STEP_ANNOUNCING);
  if (byline_xrpc_parse_at_uri (site, &did, &collection, &rkey))
    {
      byline_xrpc_client_get_record_async (self->client, did, collection, rkey,
                                           g_task_get_cancellable (task), publication_cb, task);
      return;
    }

  set_url (state, site);
  create_post (task);
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

  step_announce (task);
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
        g_autofree char *now = now_datetime ();

        byline_metadata_set_updated_at (state->metadata, now);
      }
    }
  else
    {
      state->rkey = byline_tid_next ();
    }

  if (byline_metadata_get_published_at (state->metadata) == NULL)
    {
      g_autofree char *now = now_datetime ();

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
  state->metadata = byline_front_matter_parse (data, len, &body_offset, &error);
  if (state->metadata == NULL || !prepare (self, state, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  state->body = g_strndup (data + body_offset, len - body_offset);

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

      if (g_path_is_absolute (cover))
        file = g_file_new_for_path (cover);
      else if (state->base_dir != NULL)
        file = g_file_resolve_relative_path (state->base_dir, cover);
      else
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                   _("Save the article first: its cover image %s is given "
                                     "relative to the article’s folder."), cover);
          g_object_unref (task);
          return;
        }
      set_step (self, BYLINE_PUBLISH_STEP_UPLOADING_COVER);
      g_file_load_bytes_async (file, cancellable, cover_loaded_cb, task);
      return;
    }

  if (byline_metadata_get_cover_blob (state->metadata) != NULL)
    state->cover_blob = json_object_ref (byline_metadata_get_cover_blob (state->metadata));
  step_announce (task);
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

typedef struct
{
  JsonArray *publications;
  char      *cursor;
} ListPublications;

static void
list_publications_free (ListPublications *state)
{
  g_clear_pointer (&state->publications, json_array_unref);
  g_free (state->cursor);
  g_free (state);
}

static void list_publications_page (GTask *task);

static void
publications_page_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListPublications *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, &error);
  JsonArray *records;
  const char *cursor;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  records = json_object_has_member (answer, "records")
            ? json_object_get_array_member (answer, "records") : NULL;
  for (guint i = 0; records != NULL && i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      JsonObject *value = record && json_object_has_member (record, "value")
                          ? json_object_get_object_member (record, "value") : NULL;
      JsonObject *item;

      if (value == NULL || !json_object_has_member (record, "uri"))
        continue;
      item = json_object_new ();
      json_object_set_string_member (item, "uri", json_object_get_string_member (record, "uri"));
      json_object_set_string_member (item, "name",
                                     json_object_get_string_member_with_default (value, "name", ""));
      json_object_set_string_member (item, "url",
                                     json_object_get_string_member_with_default (value, "url", ""));
      json_array_add_object_element (state->publications, item);
    }

  cursor = json_object_get_string_member_with_default (answer, "cursor", NULL);
  if (cursor != NULL && records != NULL && json_array_get_length (records) > 0)
    {
      g_free (state->cursor);
      state->cursor = g_strdup (cursor);
      list_publications_page (g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, json_array_ref (state->publications),
                         (GDestroyNotify)json_array_unref);
}

static void
list_publications_page (GTask *task)
{
  BylinePublisher *self = g_task_get_source_object (task);
  ListPublications *state = g_task_get_task_data (task);

  byline_xrpc_client_list_records_async (self->client, byline_xrpc_client_get_did (self->client),
                                         BYLINE_PUBLICATION_COLLECTION, state->cursor, 100,
                                         g_task_get_cancellable (task), publications_page_cb,
                                         task);
}

/**
 * byline_publisher_list_publications_async:
 * @self: a publisher
 * @cancellable: (nullable): a cancellable
 * @callback: called with the publications
 * @user_data: data for @callback
 *
 * Lists the account's `site.standard.publication` records, every page of them.
 */
void
byline_publisher_list_publications_async (BylinePublisher     *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;
  ListPublications *state;

  g_return_if_fail (BYLINE_IS_PUBLISHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_publisher_list_publications_async);
  state = g_new0 (ListPublications, 1);
  state->publications = json_array_new ();
  g_task_set_task_data (task, state, (GDestroyNotify)list_publications_free);
  list_publications_page (task);
}

/**
 * byline_publisher_list_publications_finish:
 *
 * Returns: (transfer full): objects `{uri, name, url}`, one per publication
 */
JsonArray *
byline_publisher_list_publications_finish (BylinePublisher  *self,
                                           GAsyncResult     *result,
                                           GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
publication_created_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, &error);
  const char *uri;

  if (answer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if ((uri = json_object_get_string_member_with_default (answer, "uri", NULL)) == NULL)
    g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_RESPONSE,
                             _("The server did not say where it stored the publication."));
  else
    g_task_return_pointer (task, g_strdup (uri), g_free);
}

/**
 * byline_publisher_create_publication_async:
 * @self: a publisher
 * @name: the publication's name
 * @url: its address, `https://` without a trailing slash
 * @description: (nullable): what it is about
 * @cancellable: (nullable): a cancellable
 * @callback: called with the publication's AT-URI
 * @user_data: data for @callback
 *
 * Creates a `site.standard.publication` record, for articles to name as their `site`.
 */
void
byline_publisher_create_publication_async (BylinePublisher     *self,
                                           const char          *name,
                                           const char          *url,
                                           const char          *description,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autofree char *stripped = NULL;
  g_autofree char *rkey = byline_tid_next ();
  GTask *task;

  g_return_if_fail (BYLINE_IS_PUBLISHER (self));
  g_return_if_fail (name != NULL && url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_publisher_create_publication_async);
  stripped = g_strdup (url);
  while (g_str_has_suffix (stripped, "/"))
    stripped[strlen (stripped) - 1] = '\0';
  json_object_set_string_member (record, "$type", BYLINE_PUBLICATION_COLLECTION);
  json_object_set_string_member (record, "name", name);
  json_object_set_string_member (record, "url", stripped);
  if (description != NULL && *description != '\0')
    json_object_set_string_member (record, "description", description);
  byline_xrpc_client_put_record_async (self->client, BYLINE_PUBLICATION_COLLECTION, rkey, record,
                                       NULL, cancellable, publication_created_cb, task);
}

/**
 * byline_publisher_create_publication_finish:
 *
 * Returns: (transfer full): the new publication's AT-URI
 */
char *
byline_publisher_create_publication_finish (BylinePublisher  *self,
                                            GAsyncResult     *result,
                                            GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
