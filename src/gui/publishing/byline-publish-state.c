/* byline-publish-state.c
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

#define G_LOG_DOMAIN "byline-publish-state"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-library.h"
#include "byline-publish-state.h"

/* The state of the visible article against its record, in the header bar: not published,
 * published and unchanged, changed here, or changed on the PDS since it was last published
 * here (the record's CID there is not the one in the front matter). The record is fetched
 * when the article opens, when the window is focused again after a while, and before
 * publishing; whether the text changed is worked out against the last fetched record in a
 * worker, a moment after typing stops, so nothing waits on the network or the comparison. */

#define DEFAULT_MIN_INTERVAL 60
#define COMPARE_DELAY_MS 400

struct _BylinePublishState
{
  AdwBin                  parent_instance;

  GtkLabel               *label;
  BylineDocument         *document;
  BylineAccount          *account;
  GCancellable           *fetching;
  GCancellable           *comparing;
  JsonObject             *answer;
  char                   *fetched_uri;
  char                   *fetched_cid;
  gint64                  checked_at;
  guint                   min_interval;
  guint                   compare_id;
  BylinePublishStateKind  kind;
};

G_DEFINE_FINAL_TYPE (BylinePublishState, byline_publish_state, ADW_TYPE_BIN)

static void fetch (BylinePublishState *self);

static void
set_kind (BylinePublishState     *self,
          BylinePublishStateKind  kind,
          const char             *detail)
{
  static const char *classes[] = { "success", "accent", "warning", NULL };
  const char *label = NULL;
  const char *tooltip = NULL;
  const char *class = NULL;

  self->kind = kind;
  switch (kind)
    {
    case BYLINE_PUBLISH_STATE_NOT_PUBLISHED:
      label = _("Not Published");
      tooltip = _("This article is not linked to a published record");
      break;
    case BYLINE_PUBLISH_STATE_PUBLISHED:
      label = _("Published");
      tooltip = _("The article is the same as its published record");
      class = "success";
      break;
    case BYLINE_PUBLISH_STATE_CHANGED_HERE:
      label = _("Changed Here");
      tooltip = _("The article has changes that are not published yet");
      class = "accent";
      break;
    case BYLINE_PUBLISH_STATE_CHANGED_ON_SERVER:
      label = _("Changed on the Server");
      tooltip = _("The published record was changed elsewhere since it was last published from here");
      class = "warning";
      break;
    case BYLINE_PUBLISH_STATE_UNKNOWN:
    default:
      break;
    }

  for (guint i = 0; classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), classes[i]);
  if (class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), class);

  gtk_widget_set_visible (GTK_WIDGET (self), label != NULL);
  if (label == NULL)
    return;

  gtk_label_set_label (self->label, label);
  if (detail != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s", tooltip, detail);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->label), text);
    }
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->label), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
}

typedef struct
{
  GBytes     *text;
  GFile      *base_dir;
  JsonObject *answer;
} Compare;

static void
compare_free (Compare *compare)
{
  g_bytes_unref (compare->text);
  g_clear_object (&compare->base_dir);
  json_object_unref (compare->answer);
  g_free (compare);
}

static void
compare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Compare *compare = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *diff = NULL;
  gsize length;
  const char *text = g_bytes_get_data (compare->text, &length);

  diff = byline_library_diff_article (text ? text : "", length, compare->base_dir,
                                      compare->answer, "article", &error);
  g_debug ("Article against its record:\n%s", diff ? diff : "");
  if (diff == NULL && error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, diff != NULL && diff[0] != '\0');
}

static void
compare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  BylinePublishState *self = BYLINE_PUBLISH_STATE (object);
  g_autoptr(GError) error = NULL;
  gboolean differs = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    set_kind (self, BYLINE_PUBLISH_STATE_CHANGED_HERE, error->message);
  else
    set_kind (self, differs ? BYLINE_PUBLISH_STATE_CHANGED_HERE : BYLINE_PUBLISH_STATE_PUBLISHED,
              NULL);
}

static void
start_compare (BylinePublishState *self)
{
  g_autoptr(GTask) task = NULL;
  Compare *data = g_new0 (Compare, 1);
  GFile *file = byline_document_get_file (self->document);

  g_cancellable_cancel (self->comparing);
  g_clear_object (&self->comparing);
  self->comparing = g_cancellable_new ();

  data->text = byline_document_dup_text (self->document);
  data->base_dir = file ? g_file_get_parent (file) : NULL;
  data->answer = json_object_ref (self->answer);
  task = g_task_new (self, self->comparing, compare_cb, NULL);
  g_task_set_source_tag (task, start_compare);
  g_task_set_task_data (task, data, (GDestroyNotify) compare_free);
  g_task_run_in_thread (task, compare_thread);
}

/* Works out the state from the front matter and the last fetched record, fetching the record
 * first when there is none for the article's record and CID. */
static void
update (BylinePublishState *self)
{
  BylineMetadata *metadata;
  const char *uri;
  const char *cid;
  gboolean loading = FALSE;

  g_clear_handle_id (&self->compare_id, g_source_remove);

  if (self->document == NULL)
    {
      set_kind (self, BYLINE_PUBLISH_STATE_UNKNOWN, NULL);
      return;
    }
  g_object_get (self->document, "loading", &loading, NULL);
  if (loading)
    return;

  metadata = byline_document_get_metadata (self->document);
  uri = metadata ? byline_metadata_get_record_uri (metadata) : NULL;
  cid = metadata ? byline_metadata_get_record_cid (metadata) : NULL;
  if (uri == NULL || uri[0] == '\0')
    {
      g_cancellable_cancel (self->fetching);
      g_cancellable_cancel (self->comparing);
      /* An empty new article says nothing yet. */
      set_kind (self,
                gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (self->document)) == 0
                ? BYLINE_PUBLISH_STATE_UNKNOWN : BYLINE_PUBLISH_STATE_NOT_PUBLISHED,
                NULL);
      return;
    }
  if (g_strcmp0 (uri, self->fetched_uri) != 0 || g_strcmp0 (cid, self->fetched_cid) != 0)
    {
      fetch (self);
      return;
    }
  if (self->answer == NULL)
    return;

  if (g_strcmp0 (cid, json_object_get_string_member_with_default (self->answer, "cid", NULL)) != 0)
    {
      g_cancellable_cancel (self->comparing);
      set_kind (self, BYLINE_PUBLISH_STATE_CHANGED_ON_SERVER, NULL);
      return;
    }

  start_compare (self);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BylinePublishState) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_library_fetch_finish (BYLINE_LIBRARY (object), result,
                                                              &error);

  g_debug ("Fetched the record: %s", error ? error->message : "ok");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->fetching);
  g_clear_pointer (&self->answer, json_object_unref);

  if (answer == NULL)
    {
      if (g_error_matches (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_NOT_FOUND))
        set_kind (self, BYLINE_PUBLISH_STATE_NOT_PUBLISHED,
                  _("The record is no longer on the server"));
      else
        {
          g_autofree char *detail = g_strdup_printf (_("Could not check the server: %s"),
                                                     error->message);

          g_debug ("%s", detail);
          if (self->kind != BYLINE_PUBLISH_STATE_UNKNOWN)
            set_kind (self, self->kind, detail);
        }
      return;
    }

  self->answer = g_steal_pointer (&answer);
  update (self);
}

static void
fetch_with (BylinePublishState *self,
            BylineXrpcClient   *client)
{
  g_autoptr(BylineLibrary) library = byline_library_new (client);

  byline_library_fetch_async (library, self->fetched_uri, self->fetching, fetch_cb,
                              g_object_ref (self));
}

static void
public_did_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BylinePublishState) self = user_data;
  BylineXrpcClient *client = BYLINE_XRPC_CLIENT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = byline_xrpc_client_resolve_did_finish (client, result, &error);
  g_autofree char *pds = document ? byline_xrpc_did_document_get_pds (document) : NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (pds == NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("Could not check the server: %s"),
                                                 error ? error->message
                                                       : _("the account names no server"));

      if (self->kind != BYLINE_PUBLISH_STATE_UNKNOWN)
        set_kind (self, self->kind, detail);
      return;
    }

  byline_xrpc_client_set_service (client, pds);
  fetch_with (self, client);
}

/* Without an account, the record is read as anyone reads it: from the server its owner's DID
 * document names. */
static void
fetch_public (BylinePublishState *self)
{
  g_autoptr(BylineXrpcClient) client = byline_xrpc_client_new (NULL);
  g_autofree char *repo = NULL;

  if (g_getenv ("BYLINE_PLC_DIRECTORY") != NULL)
    byline_xrpc_client_set_plc_directory (client, g_getenv ("BYLINE_PLC_DIRECTORY"));
  if (!byline_xrpc_parse_at_uri (self->fetched_uri, &repo, NULL, NULL) ||
      !g_str_has_prefix (repo, "did:"))
    {
      set_kind (self, BYLINE_PUBLISH_STATE_UNKNOWN, NULL);
      return;
    }
  byline_xrpc_client_resolve_did_async (client, repo, self->fetching, public_did_cb,
                                        g_object_ref (self));
}

static void
fetch (BylinePublishState *self)
{
  g_autoptr(BylineXrpcClient) client = NULL;
  BylineMetadata *metadata = byline_document_get_metadata (self->document);

  g_cancellable_cancel (self->fetching);
  g_clear_object (&self->fetching);
  g_cancellable_cancel (self->comparing);
  self->fetching = g_cancellable_new ();

  g_free (self->fetched_uri);
  self->fetched_uri = g_strdup (byline_metadata_get_record_uri (metadata));
  g_free (self->fetched_cid);
  self->fetched_cid = g_strdup (byline_metadata_get_record_cid (metadata));
  self->checked_at = g_get_monotonic_time ();

  if (self->account == NULL)
    {
      fetch_public (self);
      return;
    }
  client = byline_account_dup_client (self->account);
  fetch_with (self, client);
}

static gboolean
compare_timeout_cb (gpointer data)
{
  BylinePublishState *self = data;

  self->compare_id = 0;
  update (self);

  return G_SOURCE_REMOVE;
}

static void
document_changed_cb (BylinePublishState *self)
{
  g_clear_handle_id (&self->compare_id, g_source_remove);
  self->compare_id = g_timeout_add (COMPARE_DELAY_MS, compare_timeout_cb, self);
}

static void
forget (BylinePublishState *self)
{
  g_cancellable_cancel (self->fetching);
  g_clear_object (&self->fetching);
  g_cancellable_cancel (self->comparing);
  g_clear_object (&self->comparing);
  g_clear_pointer (&self->answer, json_object_unref);
  g_clear_pointer (&self->fetched_uri, g_free);
  g_clear_pointer (&self->fetched_cid, g_free);
  g_clear_handle_id (&self->compare_id, g_source_remove);
}

static void
byline_publish_state_dispose (GObject *object)
{
  BylinePublishState *self = BYLINE_PUBLISH_STATE (object);

  forget (self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (byline_publish_state_parent_class)->dispose (object);
}

static void
byline_publish_state_class_init (BylinePublishStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_publish_state_dispose;
}

static void
byline_publish_state_init (BylinePublishState *self)
{
  self->min_interval = DEFAULT_MIN_INTERVAL;
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "caption-heading");
  gtk_widget_set_valign (GTK_WIDGET (self->label), GTK_ALIGN_CENTER);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->label));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
byline_publish_state_new (void)
{
  return g_object_new (BYLINE_TYPE_PUBLISH_STATE, NULL);
}

/**
 * byline_publish_state_set_document:
 * @self: a publish state
 * @document: (nullable): the visible document
 *
 * Shows the state of @document, fetching its record.
 */
void
byline_publish_state_set_document (BylinePublishState *self,
                                   BylineDocument     *document)
{
  g_return_if_fail (BYLINE_IS_PUBLISH_STATE (self));
  g_return_if_fail (document == NULL || BYLINE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  forget (self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::loading", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      /* The front matter is read with each render. */
      g_signal_connect_object (document, "notify::metadata", G_CALLBACK (document_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  set_kind (self, BYLINE_PUBLISH_STATE_UNKNOWN, NULL);
  update (self);
}

/**
 * byline_publish_state_set_account:
 * @self: a publish state
 * @account: (nullable): the account to read records with
 */
void
byline_publish_state_set_account (BylinePublishState *self,
                                  BylineAccount      *account)
{
  g_return_if_fail (BYLINE_IS_PUBLISH_STATE (self));
  g_return_if_fail (account == NULL || BYLINE_IS_ACCOUNT (account));

  if (!g_set_object (&self->account, account))
    return;

  forget (self);
  update (self);
}

/**
 * byline_publish_state_set_min_interval:
 * @self: a publish state
 * @seconds: how long after a check focusing the window checks again
 */
void
byline_publish_state_set_min_interval (BylinePublishState *self,
                                       guint               seconds)
{
  g_return_if_fail (BYLINE_IS_PUBLISH_STATE (self));

  self->min_interval = seconds;
}

/**
 * byline_publish_state_check:
 * @self: a publish state
 *
 * Fetches the record again now, as before publishing.
 */
void
byline_publish_state_check (BylinePublishState *self)
{
  g_return_if_fail (BYLINE_IS_PUBLISH_STATE (self));

  g_clear_pointer (&self->fetched_uri, g_free);
  g_clear_pointer (&self->fetched_cid, g_free);
  update (self);
}

/**
 * byline_publish_state_focused:
 * @self: a publish state
 *
 * The window was focused: fetches the record again if the last check is older than the
 * minimum interval.
 */
void
byline_publish_state_focused (BylinePublishState *self)
{
  g_return_if_fail (BYLINE_IS_PUBLISH_STATE (self));

  if (self->fetched_uri == NULL ||
      g_get_monotonic_time () - self->checked_at < (gint64) self->min_interval * G_USEC_PER_SEC)
    return;

  byline_publish_state_check (self);
}

BylinePublishStateKind
byline_publish_state_get_kind (BylinePublishState *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISH_STATE (self), BYLINE_PUBLISH_STATE_UNKNOWN);

  return self->kind;
}

/**
 * byline_publish_state_get_label:
 *
 * Returns: (nullable): what the header bar shows, %NULL when it shows nothing
 */
const char *
byline_publish_state_get_label (BylinePublishState *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISH_STATE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self)) ? gtk_label_get_label (self->label) : NULL;
}
