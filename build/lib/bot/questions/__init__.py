"""Questions about speakers: /ask, /who, replies to briefings, speaker buttons."""

from bot.questions.answerer import QuestionAnswerer

__all__ = ["QuestionAnswerer"]
