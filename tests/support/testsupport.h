#pragma once

// Helpers shared by the tests: where the data is, a fresh workspace in a temporary folder,
// and small file writers. Header-only so each test stays one executable.

#include "workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace TestSupport {

// The real dataset: ../shared/data beside the checkout when present, else the embedded copy.
inline QString datasetPath()
{
    const QString shared = qEnvironmentVariable("LLMTRIAGE_SHARED_DATASET");
    if (!shared.isEmpty() && QFileInfo(shared).isDir())
        return shared;
    return QStringLiteral(":/dataset/open-llm-failures");
}

// tests/data in the source tree.
inline QString testDataPath(const QString &relative = QString())
{
    const QString root = qEnvironmentVariable("LLMTRIAGE_TEST_DATA");
    return relative.isEmpty() ? root : QDir(root).filePath(relative);
}

// The built llmtriage program.
inline QString binaryPath()
{
    return qEnvironmentVariable("LLMTRIAGE_BINARY");
}

inline std::unique_ptr<Triage::Workspace> createWorkspace(const QTemporaryDir &dir,
                                                          const QString &name = QStringLiteral("test.llmtriage"))
{
    return Triage::Workspace::open(dir.filePath(name), Triage::Workspace::OpenMode::CreateIfMissing);
}

// A copy in `dir` of a workspace file no connection has open, for a test that changes it.
inline QString copyWorkspace(const QString &workspace, const QTemporaryDir &dir)
{
    if (QFileInfo::exists(workspace + QStringLiteral("-wal")))
        qFatal("%s is open: a copy would miss what its log holds", qPrintable(workspace));
    const QString copy = dir.filePath(QFileInfo(workspace).fileName());
    if (!QFile::copy(workspace, copy))
        qFatal("cannot copy %s", qPrintable(workspace));
    return copy;
}

inline QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
    return path;
}

// A valid upstream record as JSON text, with fields that tests override.
inline QByteArray recordJson(int number, const QByteArray &model = "TestModel",
                             const QByteArray &symptom = "Crash - CUDA Error - Out of Memory",
                             const QByteArray &cause = "Hardware and Resource Limitations - GPU Memory Insufficiency",
                             const QByteArray &stage = "Inference",
                             const QByteArray &link = "https://github.com/QwenLM/Qwen/issues/1")
{
    return "{\"number\": " + QByteArray::number(number) + ", \"link\": \"" + link
        + "\", \"status\": \"open\", \"SYMPTOM\": \"" + symptom + "\", \"ROOT CAUSE\": \"" + cause
        + "\", \"STAGE\": \"" + stage + "\", \"model\": \"" + model
        + "\", \"architecture\": \"Dense\"}";
}

// 51 records on which escalation holds by one record: fine-tuning fails on configuration 10 times
// against 9 on the environment, inference on the environment 30 times against 2. Records 1-10 are
// the fine-tuning configuration ones, so relabelling TestModel#1 to the environment flips it.
inline QByteArray escalationRecords()
{
    const QByteArray config = "Configuration and Parameter Setting Errors - Fine-tuning Configuration Error";
    const QByteArray environment = "Environment Compatibility Issues - Dependency Library Compatibility";
    QByteArray json = "[";
    int number = 0;
    auto add = [&](int count, const QByteArray &cause, const QByteArray &stage) {
        for (int i = 0; i < count; ++i) {
            json += (number > 0 ? ",\n" : "");
            json += recordJson(++number, "TestModel", "Crash - CUDA Error - Out of Memory", cause, stage);
        }
    };
    add(10, config, "Fine-tuning");
    add(9, environment, "Fine-tuning");
    add(2, config, "Inference");
    add(30, environment, "Inference");
    return json + "]";
}

} // namespace TestSupport
