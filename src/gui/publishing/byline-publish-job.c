/* byline-publish-job.c
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

#define G_LOG_DOMAIN "byline-publish-job"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-front-matter.h"
#include "byline-publish-job.h"
#include "byline-record.h"

/* One publish of one document, running while the writer keeps writing: the record is built
 * from the text as it was when the publish started, and only the publishing fields of the
 * front matter are written back, into the text as it is when the publish ends. */

#define JOB_KEY "byline-publish-job"

struct _BylinePublishJob
{
  GObject             parent_instance;

  /* Owned references */
  BylineDocument     *document;
  BylineAccount      *account;
  BylinePublisher    *publisher;
  GCancellable       *cancellable;
  GError             *error;
  char               *record_uri;
  JsonObject         *conflict;

  BylinePublishFlags  flags;
  guint               running : 1;
};

enum {
  PROP_0,
  PROP_STEP_LABEL,
  PROP_FRACTION,
  PROP_RUNNING,
  PROP_CAN_CANCEL,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BylinePublishJob, byline_publish_job, G_TYPE_OBJECT)

static void
notify_state (BylinePublishJob *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CANCEL]);
}

static void
notify_fraction (BylinePublishJob *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

/**
 * byline_publish_store_result:
 * @document: the article
 * @published: what a publish or unpublish left: the record's address, the announcement post
 *   and the dates
 * @error: return location for an error
 *
 * Stores the publishing fields of @published in the front matter as the text holds it now,
 * as one undoable edit; the rest of the article, and whatever the writer typed meanwhile,
 * stay as they are.
 *
 * Returns: %FALSE if the front matter does not parse and could not take them
 */
gboolean
byline_publish_store_result (BylineDocument  *document,
                             BylineMetadata  *published,
                             GError         **error)
{
  static const BylineMetadataField fields[] = {
    BYLINE_METADATA_FIELD_RECORD_URI,
    BYLINE_METADATA_FIELD_RECORD_CID,
    BYLINE_METADATA_FIELD_BSKY_POST_URI,
    BYLINE_METADATA_FIELD_BSKY_POST_CID,
    BYLINE_METADATA_FIELD_PUBLISHED_AT,
    BYLINE_METADATA_FIELD_UPDATED_AT,
  };
  g_autoptr(BylineMetadata) copy = byline_metadata_copy (byline_document_get_metadata (document));
  g_autoptr(GError) write_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    byline_metadata_set_string (copy, fields[i], byline_metadata_get_string (published, fields[i]));

  if (!byline_document_set_front_matter (document, copy, &write_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Published as %s, but the front matter has an error, so the record’s "
                     "address could not be stored in it: %s"),
                   byline_metadata_get_record_uri (published), write_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * byline_publish_keep_published:
 * @document: the article
 * @published: the version on the server, as `getRecord` gave it (`uri`, `cid`, `value`)
 * @error: return location for an error
 *
 * Takes the published version into the article, as one undoable edit: its fields into the
 * front matter (keeping every other key, and the article's own cover file), its text as the
 * body, and its CID as the version the next publish replaces.
 *
 * Returns: %FALSE if @published is not a document record or the front matter does not parse;
 *   the article is then unchanged
 */
gboolean
byline_publish_keep_published (BylineDocument  *document,
                               JsonObject      *published,
                               GError         **error)
{
  static const BylineMetadataField fields[] = {
    BYLINE_METADATA_FIELD_TITLE,
    BYLINE_METADATA_FIELD_DESCRIPTION,
    BYLINE_METADATA_FIELD_SITE,
    BYLINE_METADATA_FIELD_PATH,
    BYLINE_METADATA_FIELD_PUBLISHED_AT,
    BYLINE_METADATA_FIELD_UPDATED_AT,
    BYLINE_METADATA_FIELD_BSKY_POST_URI,
    BYLINE_METADATA_FIELD_BSKY_POST_CID,
    BYLINE_METADATA_FIELD_RECORD_URI,
    BYLINE_METADATA_FIELD_RECORD_CID,
  };
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document);
  g_autoptr(BylineMetadata) theirs = NULL;
  g_autoptr(BylineMetadata) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *body = NULL;
  const char *text;
  gsize length;
  gsize block_end = 0;
  GtkTextIter start, end;
  gboolean ok;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (published != NULL, FALSE);

  if (!(theirs = byline_record_to_metadata (published, &body, error)))
    return FALSE;

  /* The buffer leaves the file's last newline implicit; saving writes it. */
  if (gtk_source_buffer_get_implicit_trailing_newline (GTK_SOURCE_BUFFER (document)) &&
      g_str_has_suffix (body, "\n"))
    body[strlen (body) - 1] = '\0';

  copy = byline_metadata_copy (byline_document_get_metadata (document));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    byline_metadata_set_string (copy, fields[i], byline_metadata_get_string (theirs, fields[i]));
  byline_metadata_set_tags (copy, byline_metadata_get_tags (theirs));

  gtk_text_buffer_begin_user_action (buffer);

  ok = byline_metadata_equal (copy, byline_document_get_metadata (document)) ||
       byline_document_set_front_matter (document, copy, error);

  /* The body is everything after the front matter, as it is now. */
  if (ok)
    {
      bytes = byline_document_dup_text (document);
      text = g_bytes_get_data (bytes, &length);
      if (!byline_front_matter_find (text, length, &block_end))
        block_end = 0;

      if (length - block_end != strlen (body) ||
          memcmp (text + block_end, body, strlen (body)) != 0)
        {
          gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                              g_utf8_pointer_to_offset (text, text + block_end));
          gtk_text_buffer_get_end_iter (buffer, &end);
          gtk_text_buffer_delete (buffer, &start, &end);
          gtk_text_buffer_insert (buffer, &start, body, -1);
        }
    }

  gtk_text_buffer_end_user_action (buffer);

  return ok;
}

static void
publish_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BylinePublishJob) self = user_data;
  g_autoptr(BylineMetadata) published = NULL;
  g_autoptr(GError) error = NULL;

  published = byline_publisher_publish_finish (BYLINE_PUBLISHER (object), result, NULL, &error);
  if (published != NULL && byline_publish_store_result (self->document, published, &error))
    self->record_uri = g_strdup (byline_metadata_get_record_uri (published));
  if (g_error_matches (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_SWAP) &&
      byline_publisher_get_conflict (BYLINE_PUBLISHER (object)) != NULL)
    self->conflict = json_object_ref (byline_publisher_get_conflict (BYLINE_PUBLISHER (object)));
  self->error = g_steal_pointer (&error);

  self->running = FALSE;
  if (byline_publish_job_get_for_document (self->document) == self)
    g_object_set_data (G_OBJECT (self->document), JOB_KEY, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  notify_state (self);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
byline_publish_job_dispose (GObject *object)
{
  BylinePublishJob *self = (BylinePublishJob *)object;

  if (self->publisher != NULL)
    g_signal_handlers_disconnect_by_data (self->publisher, self);
  g_clear_object (&self->publisher);

  G_OBJECT_CLASS (byline_publish_job_parent_class)->dispose (object);
}

static void
byline_publish_job_finalize (GObject *object)
{
  BylinePublishJob *self = (BylinePublishJob *)object;

  g_clear_object (&self->document);
  g_clear_object (&self->account);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_free (self->record_uri);
  g_clear_pointer (&self->conflict, json_object_unref);

  G_OBJECT_CLASS (byline_publish_job_parent_class)->finalize (object);
}

static void
byline_publish_job_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BylinePublishJob *self = BYLINE_PUBLISH_JOB (object);

  switch (prop_id)
    {
    case PROP_STEP_LABEL:
      g_value_set_string (value, byline_publish_job_get_step_label (self));
      break;

    case PROP_FRACTION:
      g_value_set_double (value, byline_publish_job_get_fraction (self));
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_CAN_CANCEL:
      g_value_set_boolean (value, byline_publish_job_get_can_cancel (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_publish_job_class_init (BylinePublishJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_publish_job_dispose;
  object_class->finalize = byline_publish_job_finalize;
  object_class->get_property = byline_publish_job_get_property;

  properties[PROP_STEP_LABEL] =
    g_param_spec_string ("step-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_CANCEL] =
    g_param_spec_boolean ("can-cancel", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylinePublishJob::finished:
   *
   * The publish ended: published and stored in the front matter, failed, or cancelled;
   * [method@PublishJob.get_error] tells which.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
byline_publish_job_init (BylinePublishJob *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * byline_publish_job_new:
 * @document: the article
 * @account: the signed-in account to publish with
 * @flags: what else to do
 *
 * Starts publishing @document as its text is now. The job is the document's running
 * publish until it finishes.
 *
 * Returns: (transfer full): the running job
 */
BylinePublishJob *
byline_publish_job_new (BylineDocument     *document,
                        BylineAccount      *account,
                        BylinePublishFlags  flags)
{
  BylinePublishJob *self;
  g_autoptr(BylineXrpcClient) client = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GFile) base_dir = NULL;
  GFile *file;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (byline_publish_job_get_for_document (document) == NULL, NULL);

  self = g_object_new (BYLINE_TYPE_PUBLISH_JOB, NULL);
  self->document = g_object_ref (document);
  self->account = g_object_ref (account);
  self->flags = flags;
  self->running = TRUE;
  client = byline_account_dup_client (account);
  self->publisher = byline_publisher_new (client);
  g_signal_connect_object (self->publisher, "notify::step", G_CALLBACK (notify_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->publisher, "notify::fraction", G_CALLBACK (notify_fraction),
                           self, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (document), JOB_KEY, self);

  /* The snapshot: what the writer types from now on goes into the next publish. */
  text = byline_document_dup_text (document);
  if ((file = byline_document_get_file (document)) != NULL)
    base_dir = g_file_get_parent (file);
  byline_publisher_publish_async (self->publisher, text, base_dir, flags, self->cancellable,
                                  publish_cb, g_object_ref (self));

  return self;
}

/**
 * byline_publish_job_get_for_document:
 *
 * Returns: (transfer none) (nullable): the document's running publish
 */
BylinePublishJob *
byline_publish_job_get_for_document (BylineDocument *document)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), NULL);

  return g_object_get_data (G_OBJECT (document), JOB_KEY);
}

/**
 * byline_publish_job_get_document:
 *
 * Returns: (transfer none): the article
 */
BylineDocument *
byline_publish_job_get_document (BylinePublishJob *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISH_JOB (self), NULL);

  return self->document;
}

/**
 * byline_publish_job_get_account:
 *
 * Returns: (transfer none): the account it publishes with
 */
BylineAccount *
byline_publish_job_get_account (BylinePublishJob *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISH_JOB (self), NULL);

  return self->account;
}

BylinePublishFlags
byline_publish_job_get_flags (BylinePublishJob *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISH_JOB (self), 0);

  return self->flags;
}

/**
 * byline_publish_job_get_step_label:
 *
 * Returns: (nullable): what the running publish is doing, in words
 */
const char *
byline_publish_job_get_step_label (BylinePublishJob *self)
{
  const char *label;

  g_return_val_if_fail (BYLINE_IS_PUBLISH_JOB (self), NULL);

  if (!self->running)
    return NULL;
  if (g_cancellable_is_cancelled (self->cancellable))
    return _("Cancelling…");
  if (self->publisher != NULL && (label = byline_publisher_get_step_label (self->publisher)))
    return label;

  return _("Publishing…");
}

double
byline_publish_job_get_fraction (BylinePublishJob *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISH_JOB (self), 0.0);

  if (!self->running)
    return self->error == NULL ? 1.0 : 0.0;

  return self->publisher ? byline_publisher_get_fraction (self->publisher) : 0.0;
}

gboolean
byline_publish_job_get_running (BylinePublishJob *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISH_JOB (self), FALSE);

  return self->running;
}

/**
 * byline_publish_job_get_can_cancel:
 *
 * Returns: whether cancelling still stops the publish; once the record is being written,
 *   it runs to its end
 */
gboolean
byline_publish_job_get_can_cancel (BylinePublishJob *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISH_JOB (self), FALSE);

  return self->running
         && !g_cancellable_is_cancelled (self->cancellable)
         && self->publisher != NULL
         && byline_publisher_get_step (self->publisher) != BYLINE_PUBLISH_STEP_WRITING_RECORD;
}

/**
 * byline_publish_job_get_error:
 *
 * Returns: (nullable): why the finished publish failed, %NULL if it succeeded
 */
const GError *
byline_publish_job_get_error (BylinePublishJob *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISH_JOB (self), NULL);

  return self->error;
}

/**
 * byline_publish_job_get_record_uri:
 *
 * Returns: (nullable): the record's AT-URI, once published
 */
const char *
byline_publish_job_get_record_uri (BylinePublishJob *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISH_JOB (self), NULL);

  return self->record_uri;
}

/**
 * byline_publish_job_get_conflict:
 *
 * Returns: (transfer none) (nullable): the version on the server that the finished publish
 *   found instead of the one the article last published, as `getRecord` gave it
 */
JsonObject *
byline_publish_job_get_conflict (BylinePublishJob *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISH_JOB (self), NULL);

  return self->conflict;
}

/**
 * byline_publish_job_cancel:
 *
 * Stops the publish if it has not started writing the record yet; the article stays as it
 * was.
 */
void
byline_publish_job_cancel (BylinePublishJob *self)
{
  g_return_if_fail (BYLINE_IS_PUBLISH_JOB (self));

  if (!byline_publish_job_get_can_cancel (self))
    return;

  g_cancellable_cancel (self->cancellable);
  notify_state (self);
}

/**
 * byline_publish_record_url:
 * @service: the PDS the record lives on
 * @record_uri: the record's AT-URI
 *
 * Returns: (transfer full) (nullable): the record as the writer's own PDS serves it, with no
 *   third-party viewer in between
 */
char *
byline_publish_record_url (const char *service,
                           const char *record_uri)
{
  g_autofree char *repo = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *rkey = NULL;

  if (service == NULL || !byline_xrpc_parse_at_uri (record_uri, &repo, &collection, &rkey))
    return NULL;

  return g_strdup_printf ("%s/xrpc/com.atproto.repo.getRecord?repo=%s&collection=%s&rkey=%s",
                          service, repo, collection, rkey);
}
