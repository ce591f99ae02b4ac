/**
 * Remote ↔ NetSuite connector: stores Remote's invoice PDF in the File Cabinet and attaches it
 * to the vendor bill or credit. SuiteTalk REST cannot create File Cabinet files, so REST
 * connections send the PDFs here. Deployment: the addon's README, "Invoice PDF on REST"
 * (script id customscript_rnc_pdf_attach, deployment id customdeploy_rnc_pdf_attach).
 *
 * One JSON POST per action (contract: simulators/README.md, "RESTlet contract"):
 *   {"action": "ping"}                                              -> {"ok": true, "version": "1"}
 *   {"action": "upload", "name", "contentBase64", "folderId", "externalId"?}     -> {"fileId"}
 *   {"action": "replace", "fileId", "contentBase64"}                              -> {"fileId"}
 *   {"action": "attach", "fileId", "recordType" (vendorBill|vendorCredit), "recordId"}
 *                                                                                 -> {"fileId"}
 * An upload of a name already in the folder overwrites that file and keeps its id (N/file's
 * save), so an upload resent after a lost answer leaves one file; externalId is accepted and
 * not needed for that. Errors are thrown as N/error errors, which NetSuite answers as
 * {"error": {"code", "message"}}.
 *
 * @NApiVersion 2.1
 * @NScriptType Restlet
 * @NModuleScope SameAccount
 */
define(['N/error', 'N/file', 'N/record'], (error, file, record) => {
    const CONTRACT_VERSION = '1';
    const RECORD_TYPES = {
        vendorbill: record.Type.VENDOR_BILL,
        vendorcredit: record.Type.VENDOR_CREDIT,
    };

    const fail = (code, message) => {
        throw error.create({name: code, message: message, notifyOff: true});
    };

    const required = (body, ...names) => {
        names.forEach((name) => {
            if (typeof body[name] !== 'string' || body[name] === '') {
                fail('SSS_MISSING_REQD_ARGUMENT', `Missing a required argument: ${name}`);
            }
        });
    };

    const savePdf = (name, folder, contentBase64) =>
        String(
            file
                .create({
                    name: name,
                    fileType: file.Type.PDF,
                    contents: contentBase64, // binary file types take base64 contents
                    folder: Number(folder),
                    isOnline: false,
                })
                .save()
        );

    const upload = (body) => {
        required(body, 'name', 'contentBase64', 'folderId');
        return {fileId: savePdf(body.name, body.folderId, body.contentBase64)};
    };

    const replace = (body) => {
        required(body, 'fileId', 'contentBase64');
        const current = file.load({id: body.fileId});
        // same name, same folder: NetSuite overwrites the file and keeps its id, so every record
        // it is attached to shows the new content
        return {fileId: savePdf(current.name, current.folder, body.contentBase64)};
    };

    const attach = (body) => {
        required(body, 'fileId', 'recordType', 'recordId');
        const type = RECORD_TYPES[body.recordType.toLowerCase()];
        if (!type) {
            fail('INVALID_KEY_OR_REF', `Invalid record: ${body.recordType} ${body.recordId}.`);
        }
        record.attach({
            record: {type: 'file', id: body.fileId},
            to: {type: type, id: body.recordId},
        });
        return {fileId: body.fileId};
    };

    const ACTIONS = {
        ping: () => ({ok: true, version: CONTRACT_VERSION}),
        upload: upload,
        replace: replace,
        attach: attach,
    };

    return {
        post: (body) => {
            const action = body && ACTIONS[body.action];
            if (!action) {
                fail('SSS_INVALID_ARG', `Unknown action ${body && body.action}.`);
            }
            return action(body);
        },
    };
});
