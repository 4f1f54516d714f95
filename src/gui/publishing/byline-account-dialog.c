/* byline-account-dialog.c
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

#define G_LOG_DOMAIN "byline-account-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-account.h"
#include "byline-account-dialog.h"
#include "byline-row-names.h"

struct _BylineAccountDialog
{
  AdwDialog     parent_instance;

  /* Template widgets */
  AdwEntryRow  *identifier_row;
  AdwEntryRow  *password_row;
  AdwEntryRow  *service_row;
  GtkLabel     *error_label;
  GtkButton    *sign_in_button;

  /* Owned references */
  GCancellable *cancellable;

  guint         busy : 1;
};

G_DEFINE_FINAL_TYPE (BylineAccountDialog, byline_account_dialog, ADW_TYPE_DIALOG)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
actions_update (BylineAccountDialog *self)
{
  const char *identifier = gtk_editable_get_text (GTK_EDITABLE (self->identifier_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.sign-in",
                                 !self->busy && *identifier != '\0' && *password != '\0');
}

static void
entry_changed_cb (BylineAccountDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  actions_update (self);
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BylineAccountDialog) self = user_data;
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = byline_account_sign_in_finish (result, &error);
  self->busy = FALSE;
  gtk_button_set_label (self->sign_in_button, _("_Sign In"));
  actions_update (self);

  if (account == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      return;
    }

  g_signal_emit (self, signals[SIGNED_IN], 0, account);
  adw_dialog_close (ADW_DIALOG (self));
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  BylineAccountDialog *self = BYLINE_ACCOUNT_DIALOG (widget);
  g_autofree char *identifier = NULL;

  identifier = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->identifier_row))));
  if (identifier[0] == '@')
    memmove (identifier, identifier + 1, strlen (identifier));

  self->busy = TRUE;
  gtk_button_set_label (self->sign_in_button, _("Signing In…"));
  actions_update (self);
  byline_account_sign_in_async (identifier,
                                gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->service_row)),
                                g_getenv ("BYLINE_PLC_DIRECTORY"),
                                self->cancellable, sign_in_cb, g_object_ref (self));
}

static void
byline_account_dialog_dispose (GObject *object)
{
  BylineAccountDialog *self = (BylineAccountDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_ACCOUNT_DIALOG);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (byline_account_dialog_parent_class)->dispose (object);
}

static void
byline_account_dialog_class_init (BylineAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_account_dialog_dispose;

  /**
   * BylineAccountDialog::signed-in:
   * @self: the dialog
   * @account: the signed-in account
   *
   * Emitted when the writer has signed in; the dialog then closes.
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BYLINE_TYPE_ACCOUNT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/byline/Byline/ui/byline-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, identifier_row);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, service_row);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "account.sign-in", NULL, sign_in_action);
}

static void
byline_account_dialog_init (BylineAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  byline_row_names_apply (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  adw_dialog_set_default_widget (ADW_DIALOG (self), GTK_WIDGET (self->sign_in_button));
  actions_update (self);
}

/**
 * byline_account_dialog_new:
 *
 * Returns: (transfer floating): a dialog that signs in to an AT Protocol account
 */
AdwDialog *
byline_account_dialog_new (void)
{
  return g_object_new (BYLINE_TYPE_ACCOUNT_DIALOG, NULL);
}
