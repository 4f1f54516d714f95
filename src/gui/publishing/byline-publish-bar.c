/* byline-publish-bar.c
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

#define G_LOG_DOMAIN "byline-publish-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-account-dialog.h"
#include "byline-publish-bar.h"

/* The window's publishing: runs each document's publish in the background, shows the
 * progress of the visible document's one with a way to cancel it, and reports the end of
 * every publish (a toast, or an alert for a failure or a conflict). */

struct _BylinePublishBar
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkRevealer      *revealer;
  AdwSpinner       *spinner;
  GtkLabel         *step_label;
  GtkProgressBar   *progress;

  /* Owned references */
  BylineDocument   *document;
  GPtrArray        *jobs;
  GSignalGroup     *job_signals;
};

G_DEFINE_FINAL_TYPE (BylinePublishBar, byline_publish_bar, GTK_TYPE_WIDGET)

static BylinePublishJob *
shown_job (BylinePublishBar *self)
{
  return self->document != NULL ? byline_publish_job_get_for_document (self->document) : NULL;
}

static void
update (BylinePublishBar *self)
{
  BylinePublishJob *job = shown_job (self);
  gboolean running = job != NULL && byline_publish_job_get_running (job);

  gtk_revealer_set_reveal_child (self->revealer, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish-bar.cancel",
                                 running && byline_publish_job_get_can_cancel (job));
  if (!running)
    return;

  gtk_label_set_label (self->step_label, byline_publish_job_get_step_label (job));
  gtk_progress_bar_set_fraction (self->progress, byline_publish_job_get_fraction (job));
}

static void
show_job (BylinePublishBar *self)
{
  g_signal_group_set_target (self->job_signals, shown_job (self));
  update (self);
}

static void
open_record_cb (AdwToast   *toast,
                const char *url)
{
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (url);
  GtkWidget *bar = g_object_get_data (G_OBJECT (toast), "byline-publish-bar");
  GtkRoot *root = bar != NULL ? gtk_widget_get_root (bar) : NULL;

  gtk_uri_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                           NULL, NULL, NULL);
}

static void
add_toast (BylinePublishBar *self,
           AdwToast         *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

typedef struct
{
  BylinePublishBar   *bar;
  BylineDocument     *document;
  BylineAccount      *account;
  BylinePublishFlags  flags;
  JsonObject         *published;
} Retry;

static void
retry_free (Retry *retry)
{
  g_clear_weak_pointer (&retry->bar);
  g_clear_object (&retry->document);
  g_clear_object (&retry->account);
  g_clear_pointer (&retry->published, json_object_unref);
  g_free (retry);
}

static void
undo_keep_cb (AdwToast       *toast,
              BylineDocument *document)
{
  if (gtk_text_buffer_get_can_undo (GTK_TEXT_BUFFER (document)))
    gtk_text_buffer_undo (GTK_TEXT_BUFFER (document));
}

/* The published version replaces the article's text and fields, as one edit the toast (or
 * Ctrl+Z) takes back. */
static void
keep_published (Retry *retry)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!byline_publish_keep_published (retry->document, retry->published, &error))
    {
      AdwDialog *alert = adw_alert_dialog_new (_("Could Not Keep the Published Version"),
                                               error->message);

      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), "close", _("_Close"));
      adw_dialog_present (alert, GTK_WIDGET (retry->bar));
      return;
    }

  title = byline_document_dup_title (retry->document);
  toast = adw_toast_new_format (_("“%s” now holds the published version"), title);
  adw_toast_set_use_markup (toast, FALSE);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_keep_cb),
                         g_object_ref (retry->document), (GClosureNotify)g_object_unref, 0);
  add_toast (retry->bar, toast);
}

static void
conflict_response_cb (AdwAlertDialog *alert,
                      const char     *response,
                      Retry          *retry)
{
  if (retry->bar == NULL || byline_publish_job_get_for_document (retry->document) != NULL)
    return;

  if (g_str_equal (response, "overwrite"))
    byline_publish_bar_publish (retry->bar, retry->document, retry->account,
                                BYLINE_PUBLISH_FLAGS_OVERWRITE
                                | (retry->flags & BYLINE_PUBLISH_FLAGS_ANNOUNCE));
  else if (g_str_equal (response, "keep") && retry->published != NULL)
    keep_published (retry);
}

static void
signed_in_again_cb (BylineAccountDialog *dialog,
                    BylineAccount       *account,
                    Retry               *retry)
{
  if (retry->bar == NULL || byline_publish_job_get_for_document (retry->document) != NULL)
    return;
  /* The publish the session ended goes on with the new one. */
  byline_publish_bar_publish (retry->bar, retry->document, account,
                              retry->flags & BYLINE_PUBLISH_FLAGS_ANNOUNCE);
}

static Retry *
retry_copy (Retry *retry)
{
  Retry *copy = g_new0 (Retry, 1);

  g_set_weak_pointer (&copy->bar, retry->bar);
  copy->document = g_object_ref (retry->document);
  copy->account = g_object_ref (retry->account);
  copy->flags = retry->flags;

  return copy;
}

static void
sign_in_again_response_cb (AdwAlertDialog *alert,
                           const char     *response,
                           Retry          *retry)
{
  BylineAccount *account = retry->account;
  AdwDialog *dialog;

  if (retry->bar == NULL || !g_str_equal (response, "sign-in"))
    return;

  dialog = byline_account_dialog_new ();
  byline_account_dialog_set_handle (BYLINE_ACCOUNT_DIALOG (dialog),
                                    byline_account_get_handle (account)
                                      ? byline_account_get_handle (account)
                                      : byline_account_get_did (account));
  g_signal_connect_data (dialog, "signed-in", G_CALLBACK (signed_in_again_cb),
                         retry_copy (retry), (GClosureNotify)retry_free, 0);
  adw_dialog_present (dialog, GTK_WIDGET (retry->bar));
}

static void
report (BylinePublishBar *self,
        BylinePublishJob *job)
{
  BylineDocument *document = byline_publish_job_get_document (job);
  const GError *error = byline_publish_job_get_error (job);
  g_autofree char *title = byline_document_dup_title (document);
  AdwDialog *alert;

  if (error == NULL)
    {
      BylineAccount *account = byline_publish_job_get_account (job);
      g_autofree char *url = byline_publish_record_url (byline_account_get_service (account),
                                                        byline_publish_job_get_record_uri (job));
      AdwToast *toast = adw_toast_new_format (_("“%s” was published"), title);

      if (url != NULL)
        {
          adw_toast_set_button_label (toast, _("_Open in Browser"));
          adw_toast_set_use_markup (toast, FALSE);
          g_object_set_data (G_OBJECT (toast), "byline-publish-bar", self);
          g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_record_cb),
                                 g_steal_pointer (&url), (GClosureNotify)g_free, 0);
        }
      add_toast (self, toast);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      AdwToast *toast = adw_toast_new_format (_("Publishing “%s” was cancelled"), title);

      adw_toast_set_use_markup (toast, FALSE);
      add_toast (self, toast);
      return;
    }

  if (g_error_matches (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_SWAP))
    {
      Retry *retry = g_new0 (Retry, 1);

      g_set_weak_pointer (&retry->bar, self);
      retry->document = g_object_ref (document);
      retry->account = g_object_ref (byline_publish_job_get_account (job));
      retry->flags = byline_publish_job_get_flags (job);
      if (byline_publish_job_get_conflict (job) != NULL)
        retry->published = json_object_ref (byline_publish_job_get_conflict (job));

      /* Either choice replaces one version with the other: closing the alert does neither. */
      alert = adw_alert_dialog_new (_("Changed Elsewhere"), error->message);
      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), "later", _("_Cancel"));
      if (retry->published != NULL)
        adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), "keep",
                                       _("_Keep the Published Version"));
      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), "overwrite",
                                     _("_Replace It With This Article"));
      adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (alert), "overwrite",
                                                ADW_RESPONSE_DESTRUCTIVE);
      adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (alert), "later");
      g_signal_connect_data (alert, "response", G_CALLBACK (conflict_response_cb), retry,
                             (GClosureNotify)retry_free, 0);
      adw_dialog_present (alert, GTK_WIDGET (self));
      return;
    }

  /* An ended session, or one without a permission the publish needs: signing in again
   * carries on with the same article. */
  if (g_error_matches (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_EXPIRED_TOKEN)
      || g_error_matches (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_SCOPE_MISSING))
    {
      Retry *retry = g_new0 (Retry, 1);

      g_set_weak_pointer (&retry->bar, self);
      retry->document = g_object_ref (document);
      retry->account = g_object_ref (byline_publish_job_get_account (job));
      retry->flags = byline_publish_job_get_flags (job);

      alert = adw_alert_dialog_new (_("Sign In Again to Publish"), error->message);
      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), "later", _("_Cancel"));
      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), "sign-in", _("_Sign In Again"));
      adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (alert), "sign-in",
                                                ADW_RESPONSE_SUGGESTED);
      adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (alert), "sign-in");
      adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (alert), "later");
      g_signal_connect_data (alert, "response", G_CALLBACK (sign_in_again_response_cb), retry,
                             (GClosureNotify)retry_free, 0);
      adw_dialog_present (alert, GTK_WIDGET (self));
      return;
    }

  alert = adw_alert_dialog_new (_("Failed to Publish"), error->message);
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), "close", _("_Close"));
  adw_dialog_present (alert, GTK_WIDGET (self));
}

static void
job_finished_cb (BylinePublishJob *job,
                 BylinePublishBar *self)
{
  g_autoptr(BylinePublishJob) hold = g_object_ref (job);

  g_signal_handlers_disconnect_by_func (job, job_finished_cb, self);
  g_ptr_array_remove (self->jobs, job);
  show_job (self);
  report (self, job);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BylinePublishBar *self = BYLINE_PUBLISH_BAR (widget);
  BylinePublishJob *job = shown_job (self);

  if (job != NULL)
    byline_publish_job_cancel (job);
}

static void
byline_publish_bar_dispose (GObject *object)
{
  BylinePublishBar *self = (BylinePublishBar *)object;

  /* Closing the window stops what can still be stopped; nothing is reported any more. */
  for (guint i = 0; self->jobs != NULL && i < self->jobs->len; i++)
    {
      BylinePublishJob *job = g_ptr_array_index (self->jobs, i);

      g_signal_handlers_disconnect_by_func (job, job_finished_cb, self);
      byline_publish_job_cancel (job);
    }
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  if (self->job_signals != NULL)
    g_signal_group_set_target (self->job_signals, NULL);
  g_clear_object (&self->job_signals);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_PUBLISH_BAR);

  G_OBJECT_CLASS (byline_publish_bar_parent_class)->dispose (object);
}

static void
byline_publish_bar_class_init (BylinePublishBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_publish_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/byline-publish-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, BylinePublishBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishBar, spinner);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishBar, step_label);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishBar, progress);
  gtk_widget_class_install_action (widget_class, "publish-bar.cancel", NULL, cancel_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "publishbar");
}

static void
byline_publish_bar_init (BylinePublishBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  self->job_signals = g_signal_group_new (BYLINE_TYPE_PUBLISH_JOB);
  g_signal_group_connect_object (self->job_signals, "notify", G_CALLBACK (update), self,
                                 G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish-bar.cancel", FALSE);
}

/**
 * byline_publish_bar_set_document:
 * @self: a #BylinePublishBar
 * @document: (nullable): the window's visible document
 *
 * Shows the progress of @document's publish, if one is running.
 */
void
byline_publish_bar_set_document (BylinePublishBar *self,
                                 BylineDocument   *document)
{
  g_return_if_fail (BYLINE_IS_PUBLISH_BAR (self));
  g_return_if_fail (!document || BYLINE_IS_DOCUMENT (document));

  if (g_set_object (&self->document, document))
    show_job (self);
}

/**
 * byline_publish_bar_publish:
 * @self: a #BylinePublishBar
 * @document: the article
 * @account: the signed-in account
 * @flags: what else to do
 *
 * Publishes @document in the background, as its text is now; the writer can keep writing.
 *
 * Returns: (transfer none) (nullable): the running publish, or %NULL if @document already
 *   has one
 */
BylinePublishJob *
byline_publish_bar_publish (BylinePublishBar   *self,
                            BylineDocument     *document,
                            BylineAccount      *account,
                            BylinePublishFlags  flags)
{
  BylinePublishJob *job;

  g_return_val_if_fail (BYLINE_IS_PUBLISH_BAR (self), NULL);
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (account), NULL);

  if (byline_publish_job_get_for_document (document) != NULL)
    return NULL;

  job = byline_publish_job_new (document, account, flags);
  g_ptr_array_add (self->jobs, job);
  g_signal_connect (job, "finished", G_CALLBACK (job_finished_cb), self);
  show_job (self);

  return job;
}
