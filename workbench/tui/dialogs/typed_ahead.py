"""Dialogs that keep the keys typed for them before they were ready."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App
from textual.screen import ModalScreen, ScreenResultType
from textual.widget import Widget

Typed = events.Key | events.Paste
AFTER_KEY = 0.1  # seconds the keys typed after an enter or escape wait for it to act


class TypedAhead(ModalScreen[ScreenResultType]):
    """A dialog that takes the keys typed for it before it could: a URL pasted straight
    after `o`, a search typed fast after `/`.

    Such keys reach the app in one burst, and it sends them all to the widget in focus
    before the first one opens the dialog: they come back to the app with nothing to do
    on the screen they went to. Others come while none of the dialog's widgets has focus
    yet. Textual drops both. Here the dialog holds them, and every key after them, until
    a widget has focus; then they go into the field in the order typed, up to the first
    that is not text (enter, escape), which the app sends on as if typed then; the keys
    after that come after it. See typed_before."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[Typed] = []
        self._sending = False
        self._ready = False  # whether a widget has had focus
        self._waiting = False  # for a key sent on to be acted on

    def holds_quit(self) -> bool:
        """Whether text typed into the dialog holds the app's quit (ctrl+q) back this once
        (the dialog then says how to go on)."""
        return False

    @property
    def holding(self) -> bool:
        """Whether keys typed for this dialog are held or being sent on: a key typed after
        them waits its turn."""
        return bool(self._held) or self._sending or self._waiting or not self._ready

    def hold(self, event: Typed) -> None:
        """Hold a key typed for this dialog, to send on once a widget has focus."""
        self._held.append(event)
        self._send_soon()

    def on_descendant_focus(self) -> None:
        self._ready = True
        self._send_soon()

    def _send_soon(self) -> None:
        if self._ready and self._held and not (self._sending or self._waiting):
            self._sending = True
            self.app.call_later(self._send_on)

    async def _send_on(self) -> None:
        """Type the held keys into the field in focus, in order, up to the first other key
        (enter, escape, ctrl+s), which goes through the app as if typed now; the keys after
        it wait AFTER_KEY seconds for it to be acted on (or go to the screen under the
        dialog, should it close). Runs in the app's own task, so that a key sent on reaches
        the field's bindings as the app's (one the dialog sent would stop at the dialog)."""
        try:
            while self._held and self.is_active:
                event = self._held.pop(0)
                if not _typed_into(self.focused, event):
                    again = _again(event)
                    again.sent_on = True
                    await self.app.on_event(again)
                    if self._held:
                        self._waiting = True
                        self.set_timer(AFTER_KEY, self._resume)
                    break
        finally:
            self._sending = False

    def _resume(self) -> None:
        self._waiting = False
        self._send_soon()

    def on_unmount(self) -> None:
        held, self._held = self._held, []
        for event in held:  # typed after the key that closed the dialog
            self.app.post_message(_again(event))


def _typed_into(field: Widget | None, event: Typed) -> bool:
    """Type `event` into `field` when it is a text field and `event` is text to it (a
    character, a paste, backspace); whether it was."""
    from textual.widgets import Input, TextArea  # not before a dialog opens: 20 ms a start

    if not isinstance(field, Input | TextArea) or (isinstance(field, TextArea)
                                                  and field.read_only):
        return False
    if isinstance(event, events.Paste):
        text = event.text
    elif event.key == "backspace":
        field.action_delete_left()
        return True
    elif event.is_printable and event.character:
        text = event.character
    else:
        return False
    if isinstance(field, Input):
        field.insert_text_at_cursor(text)
    else:
        field.insert(text)
    return True


def _again(event: Typed) -> Typed:
    """A fresh copy of `event`, to send through the app again."""
    return (events.Paste(event.text) if isinstance(event, events.Paste)
            else events.Key(event.key, event.character))


def typed_before(app: App[Any], event: events.Event) -> bool:
    """For the app's on_event, before it sends a key or a paste on: True when the key is
    typed for the TypedAhead dialog on top and is held by it, as it came back from the
    screen it was first sent into (one under the dialog), or came while the dialog holds
    keys typed before it."""
    if not isinstance(event, Typed):
        return False
    screen = app.screen
    if not event.is_forwarded:  # fresh from the terminal, or sent on by a dialog
        if (isinstance(screen, TypedAhead) and screen.holding
                and not getattr(event, "sent_on", False)):
            screen.hold(event)
            return True
        event.sent_into = screen
        return False
    if getattr(event, "sent_into", screen) is screen or not isinstance(screen, TypedAhead):
        return False
    screen.hold(event)
    return True
